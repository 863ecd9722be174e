package org.peresvet.connector.mqtt.discovery;

/**
 * An entity of a board, with what a binding needs: where its state is, how to read it, where
 * commands go.
 *
 * @param key          {@code <component>/[<node>/]<object_id>} (Home Assistant) or {@code <component>/<name>} (Tasmota)
 * @param jsonPath     where the value sits in a JSON state payload ({@code $.ANALOG.Range1}), null for plain values
 * @param valueTemplate the entity's Home Assistant value_template, null when none
 */
public record DiscoveredEntity(String key, String component, String name, String uniqueId, String stateTopic,
                               String commandTopic, String jsonPath, String valueTemplate, String unit, String deviceClass,
                               Double min, Double max, Double step, String payloadOn, String payloadOff) {
}
