package org.peresvet.model;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one rule for numbers written as text, wherever they come from (project files, CSV, the API,
 * devices): a plain decimal, optionally signed, with an optional fraction and exponent, surrounded
 * by nothing but ASCII white space. Refused, with the reason: NaN and Infinity in any spelling,
 * Java's hex floats ({@code 0x1p3}), type suffixes ({@code 1d}, {@code 2f}), thousands separators,
 * values that overflow a double (become infinite) and non-zero values that underflow to zero.
 * A number that is already a double must be finite.
 */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,6})?");
    /** Longer literals are refused before parsing: no real reading needs 400 digits. */
    public static final int MAX_LENGTH = 400;

    private Numbers() {
    }

    /** Parses a finite double from decimal text. */
    public static double parseDouble(String text) {
        String s = strip(text);
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new NumberFormatException("'" + cut(s) + "' is out of the range of a double");
        }
        if (d == 0.0 && !isZeroLiteral(s)) {
            throw new NumberFormatException("'" + cut(s) + "' is too small to be told from zero");
        }
        return d;
    }

    /** Parses a whole number (a decimal whose value is integral, e.g. {@code 42}, {@code 4.2e1}) that fits a long. */
    public static long parseLong(String text) {
        String s = strip(text);
        try {
            return new BigDecimal(s).longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + cut(s) + "' is not a whole number within the range of a long");
        }
    }

    /** True when {@code text} follows the decimal rule (it may still overflow). */
    public static boolean isDecimal(String text) {
        String s = text == null ? "" : text.strip();
        return s.length() <= MAX_LENGTH && DECIMAL.matcher(s).matches();
    }

    /** Checks that a double is finite; {@code what} names it in the message. */
    public static double requireFinite(double d, String what) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(what + " must be a finite number, not " + d);
        }
        return d;
    }

    private static String strip(String text) {
        if (text == null) {
            throw new NumberFormatException("no number");
        }
        String s = stripAscii(text);
        if (s.isEmpty()) {
            throw new NumberFormatException("no number");
        }
        if (s.length() > MAX_LENGTH) {
            throw new NumberFormatException("a number of " + s.length() + " characters is too long");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw new NumberFormatException("'" + cut(s) + "' is not a decimal number");
        }
        return s;
    }

    private static String stripAscii(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isAsciiSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isAsciiSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isZeroLiteral(String s) {
        int end = s.length();
        int exp = Math.max(s.indexOf('e'), s.indexOf('E'));
        if (exp >= 0) {
            end = exp;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
