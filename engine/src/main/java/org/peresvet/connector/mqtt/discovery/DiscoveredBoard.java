package org.peresvet.connector.mqtt.discovery;

import java.util.List;

/**
 * A board seen on a broker.
 *
 * @param id        stable id: the device identifier (ESPHome's MAC, Tasmota's MAC) or the node name
 * @param flavor    {@code esphome}, {@code tasmota} or {@code homeassistant} (another firmware using discovery)
 * @param device    the ESPHome node name / Tasmota topic: what an esphome/tasmota connector's {@code device} is
 * @param online    true/false from its availability topic, null when it has not said
 */
public record DiscoveredBoard(String id, String name, String model, String firmware, String manufacturer, String flavor,
                              String device, String availabilityTopic, Boolean online, List<DiscoveredEntity> entities) {
}
