package org.peresvet.connector.board;

import java.util.List;

/** The topics and payloads of one firmware family, as the simulated board publishes them. */
interface Firmware {

    /** Publishes one MQTT message. */
    interface Out {
        void publish(String topic, String payload, boolean retained);
    }

    String availabilityTopic();

    String onlinePayload();

    String offlinePayload();

    /** Filters the board listens on for commands. */
    List<String> commandFilters(BoardPlant plant);

    /** After every (re)connect: discovery (retained), birth message, first states. */
    void announce(Out out, BoardPlant plant);

    /** Periodic sensor states. */
    void publishSensors(Out out, BoardPlant plant);

    /**
     * A command for the board: the relay state it asks for, or null when it is not a relay command
     * (an empty Tasmota POWER asks for the state: answered with the current one).
     */
    Boolean relayCommand(String topic, String payload, boolean current);

    /**
     * A command for one of the plant's extra switches: switches it and echoes the new state.
     *
     * @return false when the topic is not such a command
     */
    default boolean extraCommand(String topic, String payload, BoardPlant plant, Out out) {
        return false;
    }

    /** The relay state after a command (the echo a controller waits for). */
    void publishRelay(Out out, boolean on);
}
