package org.peresvet.app.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The look of the workstation. The ISA-101 sheet holds every rule; the dark sheet only redefines
 * its palette, so a screen styled once looks right in both.
 */
public enum Theme {
    ISA101, DARK;

    static final String BASE = "/org/peresvet/app/styles/isa101.css";
    static final String DARK_SHEET = "/org/peresvet/app/styles/dark.css";

    /** Classpath locations of the stylesheets, in the order they are added to a scene. */
    public List<String> sheets() {
        List<String> out = new ArrayList<>();
        out.add(BASE);
        if (this == DARK) {
            out.add(DARK_SHEET);
        }
        return out;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Theme parse(String s) {
        for (Theme t : values()) {
            if (t.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return t;
            }
        }
        return ISA101;
    }
}
