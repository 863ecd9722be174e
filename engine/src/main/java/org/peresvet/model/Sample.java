package org.peresvet.model;

/**
 * One value of a tag: {@code x} microseconds since the Unix epoch (UTC), {@code y} the value
 * (may be null), {@code q} the quality code (null means good). See {@link Quality}.
 *
 * <p>{@code y} holds a normalised Java value for the tag's {@link ValueType}: Long, Double,
 * Boolean, String, or a Jackson JsonNode.
 */
public record Sample(long x, Object y, Integer q) {

    public static Sample of(long x, Object y) {
        return new Sample(x, y, null);
    }

    public boolean isGood() {
        return Quality.isGood(q);
    }

    /** The value as a double, or NaN when it is null or not a number. */
    public double asDouble() {
        if (y instanceof Number n) {
            return n.doubleValue();
        }
        if (y instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return Double.NaN;
    }
}
