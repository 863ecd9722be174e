package org.peresvet.connector.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON path subset devices need: {@code $}, {@code $.a.b}, {@code $.a[0].b}, {@code $['a b']},
 * {@code $["a"]}. Compiled once, then pure and thread-safe.
 */
public final class JsonPath {
    private final String text;
    /** Field names (String) and array indexes (Integer), in order. */
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /**
     * @throws IllegalArgumentException naming the position and the problem
     */
    public static JsonPath compile(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("JSON path is empty (expected e.g. $.DS18B20.Temperature)");
        }
        String p = path.strip();
        if (p.charAt(0) != '$') {
            throw new IllegalArgumentException("JSON path '" + p + "' must start with '$' (e.g. $.DS18B20.Temperature)");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < p.length() && p.charAt(i) != '.' && p.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw bad(p, start, "a field name is missing");
                }
                steps.add(p.substring(start, i));
            } else if (c == '[') {
                i++;
                if (i < p.length() && (p.charAt(i) == '\'' || p.charAt(i) == '"')) {
                    char quote = p.charAt(i);
                    int close = p.indexOf(quote, i + 1);
                    if (close < 0) {
                        throw bad(p, i, "the quoted name is not closed");
                    }
                    if (close + 1 >= p.length() || p.charAt(close + 1) != ']') {
                        throw bad(p, close + 1, "expected ']'");
                    }
                    steps.add(p.substring(i + 1, close));
                    i = close + 2;
                } else {
                    int close = p.indexOf(']', i);
                    if (close < 0) {
                        throw bad(p, i, "']' is missing");
                    }
                    String n = p.substring(i, close).strip();
                    if (n.isEmpty() || !n.chars().allMatch(Character::isDigit) || n.length() > 9) {
                        throw bad(p, i, "an index must be a non-negative number, a name must be quoted: ['" + n + "']");
                    }
                    steps.add(Integer.parseInt(n));
                    i = close + 1;
                }
            } else {
                throw bad(p, i, "expected '.' or '['");
            }
        }
        return new JsonPath(p, steps);
    }

    private static IllegalArgumentException bad(String p, int pos, String what) {
        return new IllegalArgumentException("JSON path '" + p + "' at " + pos + ": " + what);
    }

    /** The node at this path, or null when the document has nothing there. */
    public JsonNode find(JsonNode root) {
        JsonNode cur = root;
        for (Object step : steps) {
            if (cur == null) {
                return null;
            }
            cur = step instanceof Integer idx ? (cur.isArray() ? cur.get(idx) : null)
                    : (cur.isObject() ? cur.get((String) step) : null);
        }
        return cur == null || cur.isMissingNode() ? null : cur;
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
