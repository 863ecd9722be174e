package org.peresvet.alarm;

import java.io.IOException;
import java.util.List;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.Micros;

/** Writes journal rows as CSV: RFC 4180 quoting, CRLF line ends, a header line, ISO-8601 UTC times. */
public final class AlarmJournalCsv {
    public static final String HEADER = "time,alarm,object,priority,transition,state,value,user,comment,message";

    private AlarmJournalCsv() {
    }

    public static void write(List<AlarmJournalEntry> rows, Appendable out) throws IOException {
        out.append(HEADER).append("\r\n");
        for (AlarmJournalEntry e : rows) {
            out.append(Micros.format(e.time())).append(',')
                    .append(cell(e.alarmPath())).append(',')
                    .append(cell(e.objectPath())).append(',')
                    .append(e.priority().label()).append(',')
                    .append(e.transition().name()).append(',')
                    .append(e.state().name()).append(',')
                    .append(cell(e.value())).append(',')
                    .append(cell(e.user())).append(',')
                    .append(cell(e.comment())).append(',')
                    .append(cell(e.message())).append("\r\n");
        }
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
