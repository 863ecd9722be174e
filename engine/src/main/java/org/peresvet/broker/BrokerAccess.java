package org.peresvet.broker;

/** Where and as whom to connect to the built-in broker (an MQTT connector's broker, username and password). */
public record BrokerAccess(String url, String username, String password) {
    @Override
    public String toString() {
        return "BrokerAccess[" + url + ", user=" + username + "]";
    }
}
