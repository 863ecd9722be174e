package org.peresvet.model;

/**
 * Text from a file or a request, made safe to show in one line of an error message: control,
 * format and separator characters and lone surrogates are written as escapes ({@code \n},
 * {@code \u001B}), so a value can neither split the message, move the cursor of a terminal nor
 * hide part of itself; a long value is cut, with its length given.
 */
public final class Quoted {
    /** Characters of a quoted value shown before it is cut. */
    public static final int MAX_VALUE = 60;
    /** Characters of a whole message line before it is cut. */
    public static final int MAX_LINE = 2_000;

    private Quoted() {
    }

    /** The value in single quotes, escaped and cut: {@code 'Tank\n1'}, {@code 'aaaa…' (52428800 characters)}. */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + escape(value, MAX_VALUE) + "'" + (value.length() > MAX_VALUE ? " (" + value.length() + " characters)" : "");
    }

    /** The value escaped and cut to {@code max} characters (an ellipsis marks the cut), without quotes. */
    public static String escape(String value, int max) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), max) + 8);
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            if (shown >= max) {
                sb.append('…');
                break;
            }
            int cp = value.codePointAt(i);
            int n = Character.charCount(cp);
            if (n == 2 || !needsEscape(cp)) {
                sb.appendCodePoint(cp);
            } else {
                switch (cp) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(String.format("\\u%04X", cp));
                }
            }
            shown += n;
            i += n;
        }
        return sb.toString();
    }

    /** A whole message made one safe line: escaped as {@link #escape}, at most {@link #MAX_LINE} characters. */
    public static String line(String message) {
        if (message == null) {
            return "";
        }
        boolean clean = message.length() <= MAX_LINE;
        for (int i = 0; clean && i < message.length(); i++) {
            char c = message.charAt(i);
            clean = !needsEscape(c);
        }
        if (clean) {
            return message;
        }
        String s = escape(message, MAX_LINE);
        return message.length() > MAX_LINE ? s + " (message of " + message.length() + " characters cut)" : s;
    }

    private static boolean needsEscape(int cp) {
        if (cp == '\\') {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
