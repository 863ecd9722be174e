package org.peresvet.connector.mqtt.profile;

/** A value read from a device message, or the reason there is none. Never both. */
public record Reading(Object value, String rejection) {
    public static Reading of(Object v) {
        return new Reading(v, null);
    }

    public static Reading rejected(String why) {
        return new Reading(null, why);
    }

    public boolean ok() {
        return rejection == null;
    }
}
