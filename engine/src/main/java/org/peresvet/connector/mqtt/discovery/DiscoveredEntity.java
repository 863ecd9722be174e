package org.peresvet.connector.mqtt.discovery;

/**
 * An entity of a board, with what a binding needs: where its state is, how to read it, where
 * commands go.
 *
 * @param key          {@code <component>/[<node>/]<object_id>} (Home Assistant) or {@code <component>/<name>} (Tasmota)
 * @param jsonPath     where the value sits in a JSON state payload ({@code $.ANALOG.Range1}), null for plain values
 * @param valueTemplate the entity's Home Assistant value_template, null when none
 * @param status       {@code OK}: usable; {@code REFUSED}: its config was refused; {@code CONFLICT}:
 *                     its {@code unique_id} belongs to another entity (the first to claim it)
 * @param problem      why it is refused or in conflict, or what is wrong with its latest config
 *                     while an earlier good one stays in force; null when nothing is wrong
 */
public record DiscoveredEntity(String key, String component, String name, String uniqueId, String stateTopic,
                               String commandTopic, String jsonPath, String valueTemplate, String unit, String deviceClass,
                               Double min, Double max, Double step, String payloadOn, String payloadOff, Status status,
                               String problem) {

    /** Whether a binding can use the entity. */
    public enum Status { OK, REFUSED, CONFLICT }

    /** A usable entity. */
    public DiscoveredEntity(String key, String component, String name, String uniqueId, String stateTopic,
                            String commandTopic, String jsonPath, String valueTemplate, String unit, String deviceClass,
                            Double min, Double max, Double step, String payloadOn, String payloadOff) {
        this(key, component, name, uniqueId, stateTopic, commandTopic, jsonPath, valueTemplate, unit, deviceClass, min, max,
                step, payloadOn, payloadOff, Status.OK, null);
    }
}
