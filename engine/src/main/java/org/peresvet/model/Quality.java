package org.peresvet.model;

/** Quality codes of the data contract. Null and 0 both mean good. */
public final class Quality {
    public static final int GOOD = 0;
    /** Connection to the connector lost; the value is null. */
    public static final int CONNECTION_LOST = 100;
    /** Connection restored; the value is null. */
    public static final int CONNECTION_RESTORED = 101;
    /** The connector lost its data source; the value is null. */
    public static final int SOURCE_LOST = 102;
    /** The source reported bad data, or a value could not be parsed or computed. */
    public static final int BAD_DATA = 103;

    private Quality() {
    }

    public static boolean isGood(Integer q) {
        return q == null || q == GOOD;
    }

    /** Treats 0 and null as the same quality, as the data contract does. */
    public static boolean same(Integer a, Integer b) {
        return isGood(a) ? isGood(b) : a.equals(b);
    }

    public static String describe(Integer q) {
        if (isGood(q)) {
            return "good";
        }
        return switch (q) {
            case CONNECTION_LOST -> "connection lost";
            case CONNECTION_RESTORED -> "connection restored";
            case SOURCE_LOST -> "source lost";
            case BAD_DATA -> "bad data";
            default -> "quality " + q;
        };
    }
}
