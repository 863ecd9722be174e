package org.peresvet.migrate.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.peresvet.model.Names;
import org.peresvet.model.Numbers;
import org.peresvet.model.io.StrictJson;

/** Reading the platform's attribute values (TRUE/FALSE, decimal text, JSON), reporting what does not fit. */
final class Values {
    private final ImportReport report;

    Values(ImportReport report) {
        this.report = report;
    }

    /** A boolean attribute; absent: {@code dflt}; anything but TRUE/FALSE: {@code dflt}, reported. */
    boolean bool(DirEntry e, String attr, boolean dflt, String what) {
        String v = e.text(attr);
        if (v == null) {
            return dflt;
        }
        switch (v.strip().toUpperCase(Locale.ROOT)) {
            case "TRUE":
                return true;
            case "FALSE":
                return false;
            default:
                report.add(ImportReport.Action.CHANGED, e, what, attr + " '" + v + "' is not TRUE or FALSE; taken as "
                        + (dflt ? "TRUE" : "FALSE"));
                return dflt;
        }
    }

    /** A number attribute (Binary syntax holds its decimal text); absent or invalid: null (invalid reported). */
    Double number(DirEntry e, String attr, String what) {
        String v = e.text(attr);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Numbers.parseDouble(v);
        } catch (IllegalArgumentException x) {
            report.add(ImportReport.Action.CHANGED, e, what, attr + " '" + abbreviate(v) + "' is not a number ("
                    + x.getMessage() + "); not kept");
            return null;
        }
    }

    Long integer(DirEntry e, String attr, String what) {
        String v = e.text(attr);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Numbers.parseLong(v);
        } catch (IllegalArgumentException x) {
            report.add(ImportReport.Action.CHANGED, e, what, attr + " '" + abbreviate(v) + "' is not an integer; not kept");
            return null;
        }
    }

    /** {@code prsJsonConfigString} read strictly; absent: null; invalid: null, reported with the reason. */
    JsonNode json(DirEntry e, String attr, String what) {
        String v = e.text(attr);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return StrictJson.read(v);
        } catch (IllegalArgumentException x) {
            report.add(ImportReport.Action.CHANGED, e, what, attr + " is not valid JSON (" + x.getMessage() + "); not kept");
            return null;
        }
    }

    /**
     * A name our model accepts: no '/', '{', '}' or control characters, no spaces around, at most
     * 128 characters; a change is reported.
     */
    String name(DirEntry e, String what) {
        String raw = e.name();
        StringBuilder sb = new StringBuilder();
        raw.strip().codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            // The model's one rule for names (org.peresvet.model.Names), asked one character at a time.
            sb.append(Names.invalidReason("a" + c + "a") == null ? c : "_");
        });
        String n = sb.toString();
        if (n.codePointCount(0, n.length()) > Names.MAX_LENGTH) {
            n = n.substring(0, n.offsetByCodePoints(0, Names.MAX_LENGTH)).strip();
        }
        if (Names.invalidReason(n) != null) {
            n = "unnamed";
        }
        if (!n.equals(raw)) {
            String why = Names.invalidReason(raw);
            report.add(ImportReport.Action.CHANGED, e, what, "renamed '" + raw + "' to '" + n + "' ("
                    + (why == null ? "shortened" : "a name " + why) + ")");
        }
        return n;
    }

    /** Text cut to {@code max} characters, the cut reported. */
    String limit(DirEntry e, String what, String field, String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        report.add(ImportReport.Action.CHANGED, e, what, field + " cut to " + max + " characters (it had " + text.length() + ")");
        return text.substring(0, max);
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
