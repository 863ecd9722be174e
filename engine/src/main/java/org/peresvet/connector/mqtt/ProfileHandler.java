package org.peresvet.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.payload.CommandPayload;
import org.peresvet.model.Micros;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * What a profile adds to plain MQTT: how binding addresses become topics, how messages become
 * values (and availability), and how a write becomes a command. Bindings change on the engine's
 * connector thread, messages arrive on the link's dispatcher thread: state shared between them is
 * swapped whole through volatile fields.
 */
abstract class ProfileHandler {
    /** A command to publish. */
    record Command(String topic, byte[] payload) {
    }

    protected final ConnectorContext ctx;
    protected final MqttConnectorConfig config;
    protected final AtomicLong unknownTopics = new AtomicLong();
    protected volatile Routes routes = Routes.EMPTY;
    protected volatile List<Binding> bindings = List.of();

    ProfileHandler(ConnectorContext ctx, MqttConnectorConfig config) {
        this.ctx = ctx;
        this.config = config;
    }

    /** New bindings: rebuilds the routes; returns every filter the link must subscribe to. */
    Set<String> bind(List<Binding> newBindings) {
        Routes.Builder b = new Routes.Builder();
        for (Binding binding : newBindings) {
            try {
                String filter = stateTopic(binding);
                if (filter != null) {
                    TopicFilter.check(filter);
                    b.add(filter, binding);
                }
            } catch (IllegalArgumentException e) {
                ctx.log("WARN", "tag " + binding.tagId() + ": " + e.getMessage());
            }
        }
        bindings = List.copyOf(newBindings);
        routes = b.build();
        Set<String> filters = new java.util.HashSet<>(routes.filters());
        filters.addAll(extraFilters());
        return filters;
    }

    /** The topic (filter) a binding reads, or null when it reads none yet. */
    abstract String stateTopic(Binding b);

    /** Topics the profile listens on besides the bindings' (availability, discovery). */
    Set<String> extraFilters() {
        return Set.of();
    }

    /** One inbound message. */
    void message(String topic, byte[] payload, boolean retained) {
        List<Binding> targets = routes.lookup(topic);
        if (targets.isEmpty()) {
            if (!other(topic, payload)) {
                unknown(topic);
            }
            return;
        }
        for (Binding b : targets) {
            ctx.deliver(b.tagId(), payload);
        }
        other(topic, payload);
    }

    /** Messages that are not bound values (availability...); true when handled. */
    boolean other(String topic, byte[] payload) {
        return false;
    }

    /** A message too large to read: quality 103 for the tags on that topic. */
    void rejected(String topic, String reason) {
        List<Binding> targets = routes.lookup(topic);
        if (targets.isEmpty()) {
            ctx.log("WARN", "dropped a message on " + topic + ": " + reason);
            return;
        }
        bad(targets.stream().map(Binding::tagId).toList(), topic + ": " + reason);
    }

    /** Quality 103 with the reason for these tags, in order with the values delivered before and after. */
    protected void bad(Collection<UUID> tags, String reason) {
        for (UUID t : tags) {
            ctx.reject(t, reason);
        }
    }

    protected void unknown(String topic) {
        long n = unknownTopics.incrementAndGet();
        if (n <= 20 || Long.bitCount(n) == 1) {
            ctx.log("DEBUG", "no tag is bound to topic " + topic + " (" + n + " such messages so far)");
        }
    }

    /** The connector was removed from the project; the link is still open. */
    void deleted(MqttLink link) {
    }

    /** After every (re)connect to the broker. */
    void connected(MqttLink link) {
    }

    /** The command for a write; IllegalArgumentException with the reason when the binding cannot be written. */
    Command command(Binding b, Object value) {
        if (b.command() == null) {
            throw new IllegalArgumentException("the binding has no command topic");
        }
        String topic = commandTopic(b);
        TopicFilter.checkPublishTopic(topic);
        String template = b.commandPayload() == null ? defaultCommandPayload(b, value) : null;
        String text = template != null ? CommandPayload.render(template, value, typeOf(value))
                : CommandPayload.render(b, value, typeOf(value));
        return new Command(topic, text.getBytes(StandardCharsets.UTF_8));
    }

    String commandTopic(Binding b) {
        return b.command();
    }

    /** The payload template when the binding gives none; null means the binding's own rendering ({raw}). */
    String defaultCommandPayload(Binding b, Object value) {
        return null;
    }

    static ValueType typeOf(Object v) {
        if (v instanceof Boolean) {
            return ValueType.BOOL;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ValueType.INT;
        }
        if (v instanceof Number) {
            return ValueType.DOUBLE;
        }
        if (v instanceof com.fasterxml.jackson.databind.JsonNode) {
            return ValueType.JSON;
        }
        return ValueType.STRING;
    }

    /** The tags of every binding. */
    protected List<UUID> allTags() {
        return bindings.stream().map(Binding::tagId).toList();
    }

    /** True when the external side is known to be offline (the connector reports it in its status). */
    String offlineReason() {
        return null;
    }
}
