package org.peresvet.model;

import java.util.Locale;

/**
 * The one rule for names of everything a project names — objects, tags, alarms, schedules,
 * methods, connectors and the project itself — wherever a name comes from (project files, CSV,
 * the API, the editors). A name is shown in trees, written into paths, files and terminals, so it
 * must read as what it is:
 * <ul>
 *   <li>1 to {@value #MAX_LENGTH} characters (code points), not blank, no spaces at either end,
 *       not {@code .} or {@code ..};</li>
 *   <li>well-formed Unicode: no lone surrogate (it cannot be written as UTF-8);</li>
 *   <li>no control character of any kind (Unicode category Cc: C0, DEL and C1 such as U+0085, U+009B),
 *       no line or paragraph separator;</li>
 *   <li>no format character (category Cf): bidi overrides and isolates, zero-width spaces and
 *       joiners, the soft hyphen and the like make a name look like another one;</li>
 *   <li>no noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane);</li>
 *   <li>no {@code /} (it separates path segments) and no {@code { }} (formulas use them).</li>
 * </ul>
 */
public final class Names {
    public static final int MAX_LENGTH = 128;

    private Names() {
    }

    /** The reason the name is refused, or null when it is a good name. */
    public static String invalidReason(String name) {
        if (name == null || name.isBlank()) {
            return "must not be empty";
        }
        int lone = loneSurrogate(name);
        if (lone >= 0) {
            return "is not well-formed Unicode: a lone surrogate U+" + hex(name.charAt(lone)) + " at character " + (lone + 1);
        }
        int count = name.codePointCount(0, name.length());
        if (count > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters (has " + count + ")";
        }
        for (int i = 0, pos = 1; i < name.length(); pos++) {
            int cp = name.codePointAt(i);
            String what = forbidden(cp);
            if (what != null) {
                return "must not contain " + what + " (U+" + hex(cp) + " at character " + pos + ")";
            }
            i += Character.charCount(cp);
        }
        if (!name.equals(name.strip())) {
            return "must not start or end with spaces";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is reserved for relative paths";
        }
        return null;
    }

    /** Throws a {@link ModelException} naming {@code where} and {@code field} when the name is refused. */
    public static void check(String name, String where, String field) {
        String bad = invalidReason(name);
        if (bad != null) {
            throw new ModelException(where, field, bad);
        }
    }

    /**
     * The rule for free text (descriptions, units, messages, formulas, configs): any character a
     * UTF-8 file can hold, i.e. no lone surrogate, and no NUL. Line breaks and tabs are allowed.
     *
     * @return the reason it is refused, or null
     */
    public static String invalidTextReason(String text) {
        if (text == null) {
            return null;
        }
        int lone = loneSurrogate(text);
        if (lone >= 0) {
            return "is not well-formed Unicode: a lone surrogate U+" + hex(text.charAt(lone)) + " at character " + (lone + 1);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return "must not contain NUL (U+0000 at character " + (nul + 1) + ")";
        }
        return null;
    }

    /** Throws a {@link ModelException} when free text is refused (see {@link #invalidTextReason}). */
    public static void checkText(String text, String where, String field) {
        String bad = invalidTextReason(text);
        if (bad != null) {
            throw new ModelException(where, field, bad);
        }
    }

    /** What kind of forbidden character {@code cp} is, or null when a name may hold it. */
    static String forbidden(int cp) {
        if (cp == '/' || cp == '{' || cp == '}') {
            return "'" + (char) cp + "'";
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
                return "a control character";
            case Character.FORMAT:
                return "an invisible format character";
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return "a line separator";
            case Character.SURROGATE:
                return "a lone surrogate";
            default:
                break;
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return "a noncharacter";
        }
        return null;
    }

    /** Index of the first unpaired surrogate char, or -1 when the text is well-formed UTF-16. */
    public static int loneSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String hex(int cp) {
        String h = Integer.toHexString(cp).toUpperCase(Locale.ROOT);
        return "0".repeat(Math.max(0, 4 - h.length())) + h;
    }
}
