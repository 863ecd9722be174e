package org.peresvet.screen;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Widget macros: {@code $(name)} in a text property, a binding or a command is replaced by the
 * value a group (or the widget itself) gives {@code name}, so one symbol definition serves every
 * pump. A macro with no value stays as written, and the screen check reports it.
 */
public final class Macros {
    /** A macro reference: a name of letters, digits, '_' and '-'. */
    static final Pattern REF = Pattern.compile("\\$\\(([A-Za-z0-9_-]+)\\)");

    private Macros() {
    }

    /** {@code text} with every known macro replaced (once: a value is not expanded again). */
    public static String expand(String text, Map<String, String> values) {
        if (text == null || values.isEmpty() || text.indexOf("$(") < 0) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the macros {@code text} still refers to. */
    public static Set<String> referenced(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = REF.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Whether a macro name is valid. */
    public static boolean validName(String name) {
        return name != null && name.matches("[A-Za-z0-9_-]+");
    }
}
