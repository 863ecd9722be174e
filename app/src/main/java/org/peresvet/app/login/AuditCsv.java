package org.peresvet.app.login;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditRecord;

/**
 * Audit records as CSV (RFC 4180: comma, double quotes doubled, CRLF), one line per record with
 * its number and hash so a copy can be compared with the trail. Times in ISO-8601 with the
 * offset of this PC. Pure: no toolkit.
 */
public final class AuditCsv {
    static final String HEADER = "seq,time,actor,host,action,target,old,new,reason,result,hash";

    private AuditCsv() {
    }

    public static void write(List<AuditRecord> records, Writer out, ZoneId zone) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
        for (AuditRecord r : records) {
            AuditEntry e = r.entry();
            String[] cells = {String.valueOf(r.seq()), time(e.time(), zone), e.actor(), e.origin(), e.action(), e.target(),
                e.oldValue(), e.newValue(), e.reason(), e.result(), r.hash()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        }
    }

    /** A µs timestamp as ISO-8601 with milliseconds and the zone's offset. */
    static String time(long micros, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(micros / 1000).atZone(zone).toOffsetDateTime());
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        // The values stay exactly as recorded (no spreadsheet prefixes): the copy must match the trail.
        boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
