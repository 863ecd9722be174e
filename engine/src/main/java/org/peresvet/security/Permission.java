package org.peresvet.security;

/** What a user may do; granted through roles, globally or per subtree of objects. */
public enum Permission {
    /** Read values, history, the model, alarms. */
    READ,
    /** Write values into the pipeline and to devices. */
    WRITE_VALUES,
    /** Acknowledge, shelve, reset and take alarms out of service. */
    ACK_ALARMS,
    /** Create, change, move and delete objects, tags, alarms, methods and schedules; import; settings. */
    EDIT_MODEL,
    /** Create, change and delete connectors. */
    MANAGE_CONNECTORS,
    /** Create and change users, roles and API tokens. */
    MANAGE_USERS,
    /** Run methods by hand. */
    RUN_METHODS;

    /** The bit of this permission in a mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** A mask with every permission. */
    public static int all() {
        return (1 << values().length) - 1;
    }
}
