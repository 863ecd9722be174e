package org.peresvet.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates valid project documents from a seed, written the many ways a person or a tool may
 * write them: numbers as numbers or as text, configs inline or as strings, minus zero, extreme
 * doubles and longs, names and texts in many scripts, with quotes, commas and line breaks.
 */
public final class ProjectGen {
    private static final ObjectMapper M = new ObjectMapper();
    /** Name pieces: Latin, Cyrillic, Greek, CJK, Arabic and Hebrew letters (no bidi controls), emoji, combining marks, punctuation. */
    private static final String[] PIECES = {"Tank", "Pump", "Насос", "Ёмкость", "Δp", "温度", "流量", "ضغط", "לחץ", "\uD83D\uDCA7",
        "e\u0301", "A-1", "B_2", "c.3", "x y", "\"q\"", "a,b", "a;b", "it's", "50%", "#1", "(2)", "[3]", "~", "\u00A0nbsp",
        "\uD835\uDD38", "Ω", "µ", "x'"};
    private static final String[] TEXTS = {"", "Level, in metres", "line one\nline two", "tab\there", "quote \" and \\ backslash",
        "CRLF\r\nline", "Привет, мир", "日本語のテキスト", "emoji \uD83D\uDE80", "  spaces  ", "{curly} [square]", "a,b,c",
        "'single'", "\u202Ebidi in a description is just text"};

    private final Random r;
    private final List<String> doubleTagPaths = new ArrayList<>();
    private final List<String> objectIds = new ArrayList<>();
    private final List<String> scheduleIds = new ArrayList<>();
    private final List<String> connectorIds = new ArrayList<>();
    private int counter;

    public ProjectGen(long seed) {
        this.r = new Random(seed);
    }

    /** A whole project document. */
    public ObjectNode project() {
        ObjectNode doc = M.createObjectNode();
        if (r.nextBoolean()) {
            doc.put("format", "peresvet-project");
            doc.put("version", 1);
        }
        ObjectNode settings = doc.putObject("settings");
        settings.put("name", name());
        settings.put("historyRetentionDays", 1 + r.nextInt(3650));
        settings.put("historyFlushMillis", 10 + r.nextInt(59_991));
        if (r.nextInt(3) > 0) {
            ArrayNode cs = doc.putArray("connectors");
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                ObjectNode c = cs.addObject();
                String id = UUID.randomUUID().toString();
                connectorIds.add(id);
                c.put("id", id);
                c.put("name", name() + " " + i);
                c.put("kind", r.nextBoolean() ? "mqtt" : "http");
                c.put("enabled", r.nextBoolean());
                ObjectNode cfg = M.createObjectNode().put("url", "tcp://127.0.0.1:1883").put("qos", r.nextInt(3))
                        .put("note", text());
                config(c, "config", cfg);
            }
        }
        ArrayNode schedules = M.createArrayNode();
        int ns = r.nextInt(3);
        for (int i = 0; i < ns; i++) {
            schedules.add(schedule(i));
        }
        ArrayNode objects = doc.putArray("objects");
        int roots = 1 + r.nextInt(3);
        for (int i = 0; i < roots; i++) {
            objects.add(object("", 0));
        }
        if (!schedules.isEmpty()) {
            doc.set("schedules", schedules);
        }
        if (!doubleTagPaths.isEmpty() && !objectIds.isEmpty() && r.nextBoolean()) {
            ArrayNode methods = doc.putArray("methods");
            ObjectNode m = methods.addObject();
            m.put("id", UUID.randomUUID().toString());
            m.put("name", name());
            m.put("description", text());
            m.put("object", objectIds.get(r.nextInt(objectIds.size())));
            ArrayNode inits = m.putArray("initiators");
            inits.addObject().put("tag", doubleTagPaths.get(r.nextInt(doubleTagPaths.size())));
            if (!scheduleIds.isEmpty()) {
                inits.addObject().put("schedule", scheduleIds.get(0));
            }
            m.put("kind", "write");
            m.put("formula", "1 + 2");
            m.put("target", doubleTagPaths.get(r.nextInt(doubleTagPaths.size())));
            m.put("timeoutMillis", 1 + r.nextInt(3_600_000));
            m.put("limit", 1 + r.nextInt(1000));
        }
        return doc;
    }

    private ObjectNode schedule(int i) {
        ObjectNode s = M.createObjectNode();
        String id = UUID.randomUUID().toString();
        scheduleIds.add(id);
        s.put("id", id);
        s.put("name", name() + " " + i);
        s.put("description", text());
        s.put("enabled", r.nextBoolean());
        if (r.nextBoolean()) {
            s.put("kind", "cron");
            s.put("cron", r.nextBoolean() ? "*/5 * * * *" : "0 0 6 * * *");
        } else {
            s.put("kind", "interval");
            s.put("every", 1 + r.nextInt(1000));
            s.put("unit", new String[] {"seconds", "minutes", "hours", "days"}[r.nextInt(4)]);
            if (r.nextBoolean()) {
                s.put("start", "2026-0" + (1 + r.nextInt(9)) + "-01T00:00:00Z");
            }
        }
        if (r.nextBoolean()) {
            s.put("zone", r.nextBoolean() ? "UTC" : "Europe/Moscow");
        }
        s.put("missed", r.nextBoolean() ? "skip" : "run-once");
        return s;
    }

    private ObjectNode object(String parentPath, int depth) {
        ObjectNode o = M.createObjectNode();
        if (r.nextInt(4) > 0) {
            String id = UUID.randomUUID().toString();
            objectIds.add(id);
            o.put("id", id);
        }
        String name = name();
        String path = parentPath + "/" + name;
        o.put("name", name);
        if (r.nextBoolean()) {
            o.put("description", text());
        }
        int nt = r.nextInt(5);
        if (nt > 0) {
            ArrayNode tags = o.putArray("tags");
            for (int i = 0; i < nt; i++) {
                tags.add(tag(path));
            }
        }
        if (depth < 2) {
            int nc = r.nextInt(3);
            if (nc > 0) {
                ArrayNode children = o.putArray("objects");
                for (int i = 0; i < nc; i++) {
                    children.add(object(path, depth + 1));
                }
            }
        }
        return o;
    }

    private ObjectNode tag(String objectPath) {
        ObjectNode t = M.createObjectNode();
        t.put("id", UUID.randomUUID().toString());
        String name = name();
        t.put("name", name);
        String[] types = {"double", "int", "bool", "string", "json"};
        String type = types[r.nextInt(types.length)];
        t.put("type", r.nextInt(5) == 0 ? type.toUpperCase() : type);
        if (r.nextBoolean()) {
            t.put("description", text());
        }
        if (r.nextBoolean()) {
            t.put("units", new String[] {"m", "m3/h", "°C", "бар", "%", "kW·h", "\"in\""}[r.nextInt(7)]);
        }
        boolean numeric = !type.equals("string") && !type.equals("json");
        if (numeric && r.nextBoolean()) {
            double a = number();
            double b = number();
            t.put("min", Math.min(a, b));
            t.put("max", Math.max(a, b));
        }
        t.put("step", r.nextBoolean());
        t.put("update", r.nextBoolean());
        double[] deadbands = {0, -0.0, 0.5, 1e-300, 4.9e-324, 1.7976931348623157e308, 12345.678};
        t.put("deadband", deadbands[r.nextInt(deadbands.length)]);
        t.set("default", r.nextInt(3) == 0 ? null : defaultValue(type));
        if (t.get("default").isNull()) {
            t.remove("default");
        }
        t.put("enabled", r.nextInt(5) > 0);
        int source = r.nextInt(6);
        boolean calculated = false;
        if (numeric && source == 0) {
            t.put("source", "simulated");
            config(t, "sourceConfig", M.createObjectNode().put("function", "sine").put("period", 1 + r.nextInt(600))
                    .put("amplitude", r.nextDouble() * 10).put("offset", r.nextInt(100)));
        } else if (source == 1 && !connectorIds.isEmpty()) {
            t.put("source", "connector");
            config(t, "sourceConfig", M.createObjectNode().put("connector", connectorIds.get(r.nextInt(connectorIds.size())))
                    .put("address", "plant/" + text()));
        } else if (type.equals("double") && source == 2) {
            calculated = true;
            t.put("source", "manual");
            t.put("formula", doubleTagPaths.isEmpty() || r.nextBoolean() ? "1 + 2 * 3"
                    : "{" + doubleTagPaths.get(r.nextInt(doubleTagPaths.size())) + "} * 2");
            int trig = r.nextInt(5);
            if (trig == 1) {
                t.put("trigger", "every " + (1 + r.nextInt(3600)) + "s");
            } else if (trig == 2) {
                t.put("trigger", "every " + (100 + r.nextInt(100_000)) + "ms");
            } else if (trig == 3) {
                t.put("trigger", "every " + (1 + r.nextInt(24)) + "h");
            } else if (trig == 4 && !scheduleIds.isEmpty()) {
                t.put("trigger", "schedule " + scheduleIds.get(0));
            }
        } else if (r.nextBoolean()) {
            t.put("source", "manual");
        }
        if (numeric && !type.equals("bool") && r.nextBoolean()) {
            ArrayNode alarms = t.putArray("alarms");
            ObjectNode a = alarms.addObject();
            a.put("id", UUID.randomUUID().toString());
            boolean hi = r.nextBoolean();
            a.put("name", hi ? "High" : "Low");
            a.put("kind", hi ? "hi" : "lo");
            a.put("limit", number());
            a.put("message", "Value {value} {units}, limit {limit}; " + text().replace("{", "(").replace("}", ")"));
            a.put("deadband", r.nextInt(10));
            a.put("onDelayMs", r.nextInt(86_400_001));
            a.put("latching", r.nextBoolean());
            a.put("autoAck", false);
        }
        if (type.equals("double") && !calculated && !t.has("source") || "manual".equals(t.path("source").asText(null))
                && type.equals("double") && !calculated) {
            doubleTagPaths.add(objectPath + "/" + name);
        }
        return t;
    }

    private JsonNode defaultValue(String type) {
        return switch (type) {
            case "double" -> switch (r.nextInt(5)) {
                case 0 -> M.getNodeFactory().numberNode(number());
                case 1 -> M.getNodeFactory().textNode(" " + number() + " ");
                case 2 -> M.getNodeFactory().numberNode(-0.0);
                case 3 -> M.getNodeFactory().textNode("1.5e3");
                default -> M.getNodeFactory().numberNode(r.nextInt(1000));
            };
            case "int" -> switch (r.nextInt(4)) {
                case 0 -> M.getNodeFactory().numberNode(Long.MAX_VALUE);
                case 1 -> M.getNodeFactory().numberNode(Long.MIN_VALUE);
                case 2 -> M.getNodeFactory().textNode(String.valueOf(r.nextInt()));
                default -> M.getNodeFactory().numberNode(r.nextInt());
            };
            case "bool" -> switch (r.nextInt(3)) {
                case 0 -> M.getNodeFactory().booleanNode(r.nextBoolean());
                case 1 -> M.getNodeFactory().textNode(r.nextBoolean() ? "on" : "no");
                default -> M.getNodeFactory().numberNode(r.nextInt(2));
            };
            case "string" -> M.getNodeFactory().textNode(text());
            default -> {
                ObjectNode j = M.createObjectNode();
                j.put("text", text());
                j.put("big", new java.math.BigInteger("123456789012345678901234567890"));
                j.put("pi", 3.141592653589793);
                j.putArray("list").add(1).add("two").add(false).addNull();
                yield r.nextBoolean() ? j : M.getNodeFactory().textNode(j.toString());
            }
        };
    }

    /** A finite double from a wide range, including the extremes. */
    private double number() {
        double[] special = {0, 1, -1, 0.1, 1e-300, -4.9e-324, 1.7976931348623157e308, -1.7976931348623157e308, 1e15, 123456.789};
        return r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20));
    }

    /** An object config, inline or as a string holding JSON (both are accepted). */
    private void config(ObjectNode into, String key, ObjectNode cfg) {
        if (r.nextBoolean()) {
            into.set(key, cfg);
        } else {
            into.put(key, cfg.toPrettyString());
        }
    }

    /** A name unique in the document (so siblings never collide), in many scripts. */
    public String name() {
        String a = PIECES[r.nextInt(PIECES.length)];
        String n = a.strip() + (r.nextBoolean() ? " " + PIECES[r.nextInt(PIECES.length)].strip() : "") + " " + (counter++);
        return n.strip();
    }

    public String text() {
        return TEXTS[r.nextInt(TEXTS.length)];
    }
}
