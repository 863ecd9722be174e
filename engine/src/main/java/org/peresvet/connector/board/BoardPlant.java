package org.peresvet.connector.board;

import java.util.List;

/**
 * What a simulated board sees of its plant: the relay it drives, the sensors it reads, and for a
 * station board the extra sensors and switches it publishes. The single-pump
 * {@link PumpStationPhysics} is one; {@link StationPhysics} hands one view per board.
 */
public interface BoardPlant {

    /** An extra ESPHome sensor: its object id, the name shown, unit, device class and decimals. */
    record Sensor(String objectId, String title, String unit, String deviceClass, int decimals) {
    }

    /** An extra ESPHome switch: its object id and the name shown. */
    record Switch(String objectId, String title) {
    }

    /**
     * An extra ESPHome binary sensor (a limit switch, a flag): its object id, the name shown, device
     * class, and whether its state is retained (ESPHome's default; {@code retain: false} otherwise).
     */
    record BinarySensor(String objectId, String title, String deviceClass, boolean retained) {
    }

    boolean pump();

    void setPump(boolean on);

    /** Tank level, % of the transmitter's span. */
    double level();

    double pressureReading();

    double currentReading();

    double wifiSignal();

    /** Sensors beyond the standard four, published after them (none by default). */
    default List<Sensor> extraSensors() {
        return List.of();
    }

    /** Switches beyond the pump relay (none by default). */
    default List<Switch> extraSwitches() {
        return List.of();
    }

    /** Binary sensors of the board, published with the sensors (none by default). */
    default List<BinarySensor> binarySensors() {
        return List.of();
    }

    /** The state of a binary sensor. */
    default boolean binaryState(String objectId) {
        return false;
    }

    /** The reading of an extra sensor. */
    default double read(String objectId) {
        return Double.NaN;
    }

    default boolean switchState(String objectId) {
        return false;
    }

    default void setSwitch(String objectId, boolean on) {
        // no extra switches
    }

    /** The energy counter in kWh that a Tasmota energy monitor reports as {@code ENERGY.Total}; NaN: none. */
    default double energyKwh() {
        return Double.NaN;
    }

    /** Whether a Tasmota board reports analog inputs (tank level and pressure); an energy plug has none. */
    default boolean analogInputs() {
        return true;
    }
}
