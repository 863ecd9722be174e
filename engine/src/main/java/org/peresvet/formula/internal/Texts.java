package org.peresvet.formula.internal;

/** Values as text, as a formula shows them: whole numbers without ".0". */
public final class Texts {
    private Texts() {
    }

    public static String of(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return of(d.doubleValue());
        }
        return v.toString();
    }

    public static String of(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
