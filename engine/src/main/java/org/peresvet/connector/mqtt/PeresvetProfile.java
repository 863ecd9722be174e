package org.peresvet.connector.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.peresvet.connector.Binding;
import org.peresvet.connector.ConnectorContext;
import org.peresvet.connector.ConnectorState;
import org.peresvet.connector.mqtt.profile.PeresvetProtocol;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/**
 * The Peresvet connector protocol, platform side: a connector written for the Python platform
 * asks for its configuration on {@code conn2prs/<id>} and gets {@code prsConnector.full_configuration}
 * on {@code prs2conn/<id>} with the tags bound to this connector; its data
 * ({@code prsTag/app_api_client/data_set/*}) goes into the bound tags; its last will marks them
 * connection-lost (q=100) and its next message restored (q=101); tag changes are announced with
 * {@code tags_configuration} / {@code tags_deleted}, removing the connector from the project with
 * {@code prsConnector.deleted}; its log lines and command output go to this connector's log.
 *
 * <p>A binding's {@code address} is the tag's source config for the external connector (JSON
 * object text, or any text, sent as {@code {"address": text}}); option {@code maxDev} is its
 * deadband; its value type code is the tag's type, unless option {@code type} ({@code int},
 * {@code double}, {@code string}, {@code json}) says otherwise.
 */
final class PeresvetProfile extends ProfileHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;
    private final ExternalState external;
    private volatile MqttLink link;
    private volatile Map<UUID, PeresvetProtocol.TagConfig> announced = Map.of();
    private volatile boolean configured;

    /** Reports the external connector's connection, which is what this connector's state means. */
    interface ExternalState {
        void changed(ConnectorState state, String reason);
    }

    PeresvetProfile(ConnectorContext ctx, MqttConnectorConfig config, ExternalState external) {
        super(ctx, config);
        this.id = config.peresvetId();
        this.external = external;
    }

    @Override
    String stateTopic(Binding b) {
        return null; // data arrives by tag id on the shared data topic
    }

    @Override
    Set<String> extraFilters() {
        return Set.of(PeresvetProtocol.TO_PLATFORM + id, PeresvetProtocol.DATA_FILTER, PeresvetProtocol.LOST_PREFIX + id);
    }

    @Override
    void connected(MqttLink l) {
        this.link = l;
    }

    @Override
    Set<String> bind(List<Binding> newBindings) {
        Set<String> filters = super.bind(newBindings);
        Map<UUID, PeresvetProtocol.TagConfig> now = tagConfigs(newBindings);
        Map<UUID, PeresvetProtocol.TagConfig> before = announced;
        announced = now;
        if (configured && link != null) {
            List<PeresvetProtocol.TagConfig> changed = new ArrayList<>();
            now.forEach((tag, cfg) -> {
                if (!Objects.equals(before.get(tag), cfg)) {
                    changed.add(cfg);
                }
            });
            List<UUID> deleted = before.keySet().stream().filter(t -> !now.containsKey(t)).toList();
            if (!changed.isEmpty()) {
                send(PeresvetProtocol.tagsConfiguration(changed));
            }
            if (!deleted.isEmpty()) {
                send(PeresvetProtocol.tagsDeleted(deleted));
            }
        }
        return filters;
    }

    private Map<UUID, PeresvetProtocol.TagConfig> tagConfigs(List<Binding> list) {
        Map<UUID, PeresvetProtocol.TagConfig> out = new HashMap<>();
        for (Binding b : list) {
            JsonNode source;
            String a = b.address().strip();
            try {
                source = a.startsWith("{") ? MAPPER.readTree(a) : null;
            } catch (Exception e) {
                source = null;
            }
            if (source == null || !source.isObject()) {
                source = MAPPER.createObjectNode().put("address", a);
            }
            ValueType tagType = ctx.tagType(b.tagId());
            ValueType type = tagType == null ? ValueType.DOUBLE : tagType;
            Object t = b.options().get("type");
            if (t instanceof String s) {
                try {
                    type = ValueType.parse(s);
                } catch (IllegalArgumentException e) {
                    // keep the tag's type
                }
            }
            double maxDev = b.options().get("maxDev") instanceof Number n ? n.doubleValue() : 0.0;
            out.put(b.tagId(), new PeresvetProtocol.TagConfig(b.tagId(), true, type, source, maxDev));
        }
        return out;
    }

    /** Tells the external connector it was deleted ({@code prsConnector.deleted}), waiting briefly for the broker. */
    @Override
    void deleted(MqttLink l) {
        if (l.state() != MqttLink.State.CONNECTED) {
            ctx.log("WARN", "connector " + id + " not told it was deleted: not connected to the broker");
            return;
        }
        try {
            l.publish(PeresvetProtocol.connectorTopic(id), PeresvetProtocol.deleted(id), Math.max(1, config.qos()), false)
                    .get(2, java.util.concurrent.TimeUnit.SECONDS);
            ctx.log("INFO", "connector " + id + " told it was deleted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ctx.log("WARN", "connector " + id + " not told it was deleted: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(byte[] message) {
        MqttLink l = link;
        if (l == null) {
            return;
        }
        l.publish(PeresvetProtocol.connectorTopic(id), message, config.qos(), false).exceptionally(e -> {
            ctx.log("WARN", "answer to connector " + id + " not sent: " + e.getMessage());
            return null;
        });
    }

    @Override
    void message(String topic, byte[] payload, boolean retained) {
        if (topic.startsWith(PeresvetProtocol.DATA_PREFIX)) {
            PeresvetProtocol.Data d = PeresvetProtocol.parseData(payload, org.peresvet.model.Micros.now());
            Map<UUID, PeresvetProtocol.TagConfig> mine = announced;
            List<TagSample> samples = new ArrayList<>(d.samples().size());
            for (TagSample s : d.samples()) {
                if (mine.containsKey(s.tagId())) {
                    samples.add(s);
                }
            }
            d.problems().forEach(p -> ctx.log("WARN", "data from connector: " + p));
            if (!samples.isEmpty()) {
                if (!retained) {
                    alive(); // a retained message is a replay, not a sign of life
                }
                ctx.deliver(samples);
            }
            return;
        }
        if (topic.equals(PeresvetProtocol.LOST_PREFIX + id)) {
            lost();
            return;
        }
        if (topic.equals(PeresvetProtocol.TO_PLATFORM + id)) {
            if (payload.length == 0) {
                return; // a retained request cleared by the connector
            }
            PeresvetProtocol.ConnectorMessage m = PeresvetProtocol.parseConnectorMessage(topic, payload);
            if (m instanceof PeresvetProtocol.ConfigRequest) {
                if (!retained) {
                    alive(); // a retained message is a replay, not a sign of life
                }
                configured = true;
                send(PeresvetProtocol.fullConfiguration(MAPPER.createObjectNode(), "INFO", announced.values()));
                ctx.log("INFO", "connector " + id + " asked for its configuration: sent " + announced.size() + " tags");
            } else if (m instanceof PeresvetProtocol.LogLine l) {
                if (!retained) {
                    alive(); // a retained message is a replay, not a sign of life
                }
                ctx.log(level(l.level()), "connector: " + l.message());
            } else if (m instanceof PeresvetProtocol.CommandOutput o) {
                if (!retained) {
                    alive(); // a retained message is a replay, not a sign of life
                }
                ctx.log("ok".equals(o.status()) ? "INFO" : "WARN", "command output of '" + o.command() + "': status " + o.status()
                        + (o.exitCode() == null ? "" : ", exit " + o.exitCode())
                        + (o.stdout().isEmpty() ? "" : ", stdout: " + abbreviate(o.stdout()))
                        + (o.stderr().isEmpty() ? "" : ", stderr: " + abbreviate(o.stderr()))
                        + (o.errorMessage() == null ? "" : ", error: " + o.errorMessage()));
            } else if (m instanceof PeresvetProtocol.Rejected r) {
                ctx.log("WARN", "message on " + topic + " ignored: " + r.reason());
            }
            return;
        }
        unknown(topic);
    }

    private volatile boolean lost;

    private void lost() {
        if (!lost) {
            lost = true;
            external.changed(ConnectorState.CONNECTING, "connector " + id + " lost its connection (last will)");
        }
    }

    private void alive() {
        if (lost) {
            lost = false;
            external.changed(ConnectorState.CONNECTED, "connector " + id + " is back");
        }
    }

    private static String level(String l) {
        String u = l == null ? "INFO" : l.toUpperCase(java.util.Locale.ROOT);
        return switch (u) {
            case "WARNING", "WARN" -> "WARN";
            case "ERROR", "CRITICAL", "FATAL" -> "ERROR";
            case "DEBUG", "TRACE" -> "DEBUG";
            default -> "INFO";
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 497) + "..." : s;
    }

    @Override
    String offlineReason() {
        return lost ? "connector " + id + " lost its connection (last will)" : null;
    }
}
