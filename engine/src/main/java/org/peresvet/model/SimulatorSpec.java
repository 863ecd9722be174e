package org.peresvet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The built-in function generator of a simulated tag, so a project shows live data with no
 * hardware. Stored as the tag's source config, e.g.
 * {@code {"function":"sine","period":60,"amplitude":10,"offset":50,"noise":0.2,"interval":1000}}.
 *
 * @param periodSeconds length of one cycle (sine, ramp, square)
 * @param noise         standard deviation of the Gaussian noise added to each value; for a random
 *                      walk, the standard deviation of each step
 * @param intervalMs    how often a value is generated
 */
public record SimulatorSpec(Function function, double periodSeconds, double amplitude, double offset,
                            double noise, long intervalMs) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("function", "period", "amplitude", "offset", "noise", "interval");

    /** The wave forms the generator knows. */
    public enum Function {
        SINE, RAMP, SQUARE, RANDOM_WALK, CONSTANT;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Function parse(String s) {
            String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return valueOf(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown function '" + s
                        + "' (expected sine, ramp, square, random-walk or constant)");
            }
        }
    }

    public SimulatorSpec {
        if (function == null) {
            throw new IllegalArgumentException("function is required");
        }
        if (!(periodSeconds > 0) || !Double.isFinite(periodSeconds)) {
            throw new IllegalArgumentException("period must be a positive number of seconds");
        }
        if (!Double.isFinite(amplitude) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("amplitude and offset must be finite numbers");
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be zero or positive");
        }
        if (intervalMs < 10) {
            throw new IllegalArgumentException("interval must be at least 10 ms");
        }
    }

    public static SimulatorSpec sine(double periodSeconds, double amplitude, double offset) {
        return new SimulatorSpec(Function.SINE, periodSeconds, amplitude, offset, 0, 1000);
    }

    /** Parses the JSON form; unknown keys and wrong types are refused with the key named. */
    public static SimulatorSpec parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("simulator config is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("simulator config must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown simulator key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        if (!node.hasNonNull("function") || !node.get("function").isTextual()) {
            throw new IllegalArgumentException("simulator config needs \"function\"");
        }
        return new SimulatorSpec(Function.parse(node.get("function").asText()),
                number(node, "period", 60), number(node, "amplitude", 1), number(node, "offset", 0),
                number(node, "noise", 0), (long) number(node, "interval", 1000));
    }

    private static double number(JsonNode node, String key, double dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("simulator key '" + key + "' must be a number");
        }
        return v.asDouble();
    }

    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("function", function.label());
        n.put("period", periodSeconds);
        n.put("amplitude", amplitude);
        n.put("offset", offset);
        n.put("noise", noise);
        n.put("interval", intervalMs);
        return n.toString();
    }

    /**
     * The value at time {@code micros}. {@code previous} is the last generated value (used by the
     * random walk; NaN on the first call).
     */
    public double valueAt(long micros, double previous, Random random) {
        double phase = ((micros / 1e6) % periodSeconds) / periodSeconds;
        if (phase < 0) {
            phase += 1;
        }
        double noiseTerm = noise > 0 ? noise * random.nextGaussian() : 0;
        return switch (function) {
            case SINE -> offset + amplitude * Math.sin(2 * Math.PI * phase) + noiseTerm;
            case RAMP -> offset + amplitude * phase + noiseTerm;
            case SQUARE -> offset + (phase < 0.5 ? amplitude : -amplitude) + noiseTerm;
            case CONSTANT -> offset + noiseTerm;
            case RANDOM_WALK -> {
                double start = Double.isNaN(previous) ? offset : previous;
                double stepSize = noise > 0 ? noiseTerm : amplitude * 0.05 * random.nextGaussian();
                double next = start + stepSize;
                double lo = offset - Math.abs(amplitude);
                double hi = offset + Math.abs(amplitude);
                yield Math.max(lo, Math.min(hi, next));
            }
        };
    }
}
