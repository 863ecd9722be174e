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
 * {@code {"pens":[{"tagId":"…","color":"#1f5fa8","width":1.5,"visible":true}],"live":true,
 * "spanSeconds":600,"start":…,"finish":…}} (start and finish in µs, for history mode). Read
 * strictly: a body from an imported project is outside input.
 */
public record TrendSpec(List<PenSpec> pens, boolean live, long spanSeconds, long start, long finish) {
    public static final String KIND = "trend";
    static final int MAX_PENS = 32;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** One saved pen. */
    public record PenSpec(UUID tagId, String color, double width, boolean visible) {
    }

    public String toJson() {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        ArrayNode ps = root.putArray("pens");
        for (PenSpec p : pens) {
            ps.addObject().put("tagId", p.tagId().toString()).put("color", p.color()).put("width", p.width())
                    .put("visible", p.visible());
        }
        root.put("live", live).put("spanSeconds", spanSeconds).put("start", start).put("finish", finish);
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
            pens.add(new PenSpec(id, color, width, p.path("visible").asBoolean(true)));
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
        return new TrendSpec(List.copyOf(pens), n.path("live").asBoolean(true), span, start, finish);
    }
}
