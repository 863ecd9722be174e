package org.peresvet.app.trend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.peresvet.model.io.StrictJson;

/**
 * A saved trend: its pens and its time, as the body of a model document of kind {@value #KIND}:
 * {@code {"pens":[{"tagId":"…","color":"#1f5fa8","width":1.5,"visible":true,"lane":true}],"live":true,
 * "spanSeconds":600,"start":…,"finish":…,"yRanges":[{"unit":"bar","min":0,"max":10}]}} (start and
 * finish in µs, for history mode; {@code lane}: a pen with states drawn on its state lane, absent
 * in older bodies: as the tag's definition says; {@code yRanges}: the Y axes the user fixed, the
 * others scale to the data). Read strictly: a body from an imported project is outside input.
 */
public record TrendSpec(List<PenSpec> pens, boolean live, long spanSeconds, long start, long finish, List<YRange> yRanges) {
    public static final String KIND = "trend";
    static final int MAX_PENS = 32;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public TrendSpec(List<PenSpec> pens, boolean live, long spanSeconds, long start, long finish) {
        this(pens, live, spanSeconds, start, finish, List.of());
    }

    /**
     * One saved pen.
     *
     * @param lane a pen whose tag has states: drawn on its state lane (true) or as a value (false);
     *             null: as the tag's definition says
     */
    public record PenSpec(UUID tagId, String color, double width, boolean visible, Boolean lane) {
        public PenSpec(UUID tagId, String color, double width, boolean visible) {
            this(tagId, color, width, visible, null);
        }
    }

    /** A Y axis the user fixed: the axis of a unit ("" for pens without one) from min to max. */
    public record YRange(String unit, double min, double max) {
    }

    public String toJson() {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        ArrayNode ps = root.putArray("pens");
        for (PenSpec p : pens) {
            ObjectNode o = ps.addObject().put("tagId", p.tagId().toString()).put("color", p.color()).put("width", p.width())
                    .put("visible", p.visible());
            if (p.lane() != null) {
                o.put("lane", p.lane());
            }
        }
        root.put("live", live).put("spanSeconds", spanSeconds).put("start", start).put("finish", finish);
        if (!yRanges.isEmpty()) {
            ArrayNode ys = root.putArray("yRanges");
            for (YRange y : yRanges) {
                ys.addObject().put("unit", y.unit()).put("min", y.min()).put("max", y.max());
            }
        }
        return root.toString();
    }

    /** @throws IllegalArgumentException naming the field when the body is not a trend */
    public static TrendSpec parse(String body) {
        JsonNode n;
        try {
            n = StrictJson.read(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (!n.isObject() || !n.path("pens").isArray()) {
            throw new IllegalArgumentException("pens: a trend needs a list of pens");
        }
        if (n.get("pens").size() > MAX_PENS) {
            throw new IllegalArgumentException("pens: at most " + MAX_PENS + " pens");
        }
        List<PenSpec> pens = new ArrayList<>();
        int i = 0;
        for (JsonNode p : n.get("pens")) {
            String where = "pens[" + i++ + "]";
            UUID id;
            try {
                id = UUID.fromString(p.path("tagId").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".tagId: not a tag UUID", e);
            }
            String color = p.path("color").asText(TrendPen.PALETTE[pens.size() % TrendPen.PALETTE.length]);
            if (!COLOR.matcher(color).matches()) {
                throw new IllegalArgumentException(where + ".color: must be #rrggbb");
            }
            double width = p.path("width").asDouble(1.5);
            if (!(width >= 0.5 && width <= 6)) {
                throw new IllegalArgumentException(where + ".width: must be between 0.5 and 6");
            }
            JsonNode lane = p.get("lane");
            if (lane != null && !lane.isBoolean()) {
                throw new IllegalArgumentException(where + ".lane: must be true or false");
            }
            pens.add(new PenSpec(id, color, width, p.path("visible").asBoolean(true), lane == null ? null : lane.booleanValue()));
        }
        long span = n.path("spanSeconds").asLong(600);
        if (span < 1 || span > 366L * 86_400) {
            throw new IllegalArgumentException("spanSeconds: must be between 1 s and a year");
        }
        long start = n.path("start").asLong(0);
        long finish = n.path("finish").asLong(0);
        if (finish < start) {
            throw new IllegalArgumentException("finish: before start");
        }
        return new TrendSpec(List.copyOf(pens), n.path("live").asBoolean(true), span, start, finish, yRanges(n.get("yRanges")));
    }

    private static List<YRange> yRanges(JsonNode n) {
        if (n == null) {
            return List.of();
        }
        if (!n.isArray() || n.size() > MAX_PENS) {
            throw new IllegalArgumentException("yRanges: a list of at most " + MAX_PENS + " axes");
        }
        List<YRange> out = new ArrayList<>();
        int i = 0;
        for (JsonNode y : n) {
            String where = "yRanges[" + i++ + "]";
            if (!y.path("unit").isTextual()) {
                throw new IllegalArgumentException(where + ".unit: must be a text (\"\" for no unit)");
            }
            if (!y.path("min").isNumber() || !y.path("max").isNumber()) {
                throw new IllegalArgumentException(where + ": min and max must be numbers");
            }
            double min = y.get("min").asDouble();
            double max = y.get("max").asDouble();
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException(where + ".max: must be above min");
            }
            String unit = y.get("unit").asText();
            if (out.stream().anyMatch(r -> r.unit().equals(unit))) {
                throw new IllegalArgumentException(where + ".unit: \"" + unit + "\" twice");
            }
            out.add(new YRange(unit, min, max));
        }
        return List.copyOf(out);
    }
}
