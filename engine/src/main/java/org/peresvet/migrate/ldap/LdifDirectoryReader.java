package org.peresvet.migrate.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.DuplicateValueBehavior;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.TrailingSpaceBehavior;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an LDIF export of a Peresvet directory ({@code slapcat -b cn=prs} or
 * {@code ldapsearch ... '*' '+'}) the RFC 2849 way: folded lines, base64 values and DNs, comments.
 * A broken file is refused as a whole with the line at fault.
 */
public final class LdifDirectoryReader {
    private LdifDirectoryReader() {
    }

    /** Reads the file; the base DN is {@code base}, e.g. {@code cn=prs}. */
    public static PeresvetDirectory read(Path file, String base) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DirectoryReadException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new DirectoryReadException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, file.toString(), base);
    }

    /** Reads LDIF text held in memory; {@code name} names it in messages. */
    public static PeresvetDirectory read(byte[] ldif, String name, String base) {
        DN baseDn = LdapDirectoryReader.parseBase(base);
        long[] starts = recordStarts(ldif);
        List<DirEntry> entries = new ArrayList<>();
        Map<DN, Long> seen = new HashMap<>();
        try (LDIFReader reader = new LDIFReader(new ByteArrayInputStream(ldif))) {
            reader.setDuplicateValueBehavior(DuplicateValueBehavior.STRIP);
            reader.setTrailingSpaceBehavior(TrailingSpaceBehavior.STRIP);
            while (true) {
                Entry e;
                try {
                    e = reader.readEntry();
                } catch (LDIFException x) {
                    long record = x.getLineNumber() + 1; // UnboundID counts from 0 and names the record's first line
                    long line = pinpoint(ldif, record);
                    throw new DirectoryReadException(name + ": line " + line
                            + (line != record ? " (in the entry starting at line " + record + ")" : "") + ": " + reason(x), line, x);
                }
                if (e == null) {
                    break;
                }
                long line = entries.size() < starts.length ? starts[entries.size()] : 0;
                DN dn;
                try {
                    dn = e.getParsedDN();
                } catch (LDAPException x) {
                    throw new DirectoryReadException(name + ": line " + line + ": '" + e.getDN() + "' is not a valid DN", line, x);
                }
                Long before = seen.put(dn, line);
                if (before != null) {
                    throw new DirectoryReadException(name + ": line " + line + ": entry " + dn
                            + " appears twice (first at line " + before + ")", line, null);
                }
                entries.add(new DirEntry(dn, e, line));
            }
        } catch (IOException e) {
            throw new DirectoryReadException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return new PeresvetDirectory(name, baseDn, entries);
    }

    private static String reason(LDIFException x) {
        String m = x.getMessage() == null ? "not valid LDIF" : x.getMessage();
        // UnboundID's message may name the line itself (counted from 0); ours is counted from 1.
        return m.replaceAll("(?i)\\s*\\(?(starting )?at or near line number \\d+\\)?", "")
                .replaceAll("(?i)\\s*on line \\d+", "").strip();
    }

    /**
     * The line at fault inside the record that starts at {@code record}: the first logical line
     * with no colon after its attribute name, or with a base64 value that does not decode; the
     * record's first line when neither is found.
     */
    static long pinpoint(byte[] b, long record) {
        String[] lines = new String(b, StandardCharsets.UTF_8).split("\\r?\\n", -1);
        int i = (int) record - 1;
        while (i >= 0 && i < lines.length && !lines[i].isEmpty()) {
            int start = i;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (i + 1 < lines.length && lines[i + 1].startsWith(" ")) {
                logical.append(lines[++i], 1, lines[i].length());
            }
            i++;
            String l = logical.toString();
            if (l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                return start + 1;
            }
            if (colon + 1 < l.length() && l.charAt(colon + 1) == ':') {
                try {
                    Base64.getMimeDecoder().decode(l.substring(colon + 2).strip());
                    if (!l.substring(colon + 2).strip().matches("[A-Za-z0-9+/=]*")) {
                        return start + 1;
                    }
                } catch (IllegalArgumentException e) {
                    return start + 1;
                }
            }
        }
        return record;
    }

    /**
     * The line (from 1) where each record starts: the first line of each paragraph that is not a
     * comment, the {@code version:} line or a continuation. Used to point the report at an entry.
     */
    static long[] recordStarts(byte[] b) {
        List<Long> out = new ArrayList<>();
        long line = 1;
        boolean inRecord = false;
        int i = 0;
        while (i < b.length) {
            int end = i;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            int len = end - i;
            if (len > 0 && b[end - 1] == '\r') {
                len--;
            }
            if (len == 0) {
                inRecord = false;
            } else if (!inRecord && b[i] != '#' && b[i] != ' ') {
                if (!(len >= 8 && new String(b, i, 8, StandardCharsets.US_ASCII).equalsIgnoreCase("version:"))) {
                    out.add(line);
                    inRecord = true;
                }
            }
            i = end + 1;
            line++;
        }
        long[] r = new long[out.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = out.get(k);
        }
        return r;
    }
}
