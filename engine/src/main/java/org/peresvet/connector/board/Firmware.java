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
    List<String> commandFilters();

    /** After every (re)connect: discovery (retained), birth message, first states. */
    void announce(Out out, PumpStationPhysics plant);

    /** Periodic sensor states. */
    void publishSensors(Out out, PumpStationPhysics plant);

    /**
     * A command for the board: the relay state it asks for, or null when it is not a relay command
     * (an empty Tasmota POWER asks for the state: answered with the current one).
     */
    Boolean relayCommand(String topic, String payload, boolean current);

    /** The relay state after a command (the echo a controller waits for). */
    void publishRelay(Out out, boolean on);
}
