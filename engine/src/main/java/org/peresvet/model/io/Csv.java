package org.peresvet.model.io;

import java.util.ArrayList;
import java.util.List;
import org.peresvet.model.ModelException;

/**
 * A small RFC 4180 reader and writer: comma separated, fields with commas, quotes or line breaks
 * in double quotes, a quote inside doubled. Reading accepts CRLF, LF or CR line ends and skips a
 * leading byte order mark (spreadsheets write one); writing ends records with CRLF.
 */
final class Csv {
    private static final char BOM = '\uFEFF';

    private Csv() {
    }

    /** One record and the text line it starts on (1-based), for error messages. */
    record Record(int line, List<String> cells) {
        boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }

    /**
     * Splits text into records.
     *
     * @throws ModelException with {@code where} "line N" for a quoted cell that is never closed or
     *                        is followed by something other than a separator
     */
    static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        int n = text.length();
        int i = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        int line = 1;
        while (i < n) {
            int recordLine = line;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                cell.setLength(0);
                if (i < n && text.charAt(i) == '"') {
                    int quoteLine = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new ModelException("line " + quoteLine, null,
                                    "a quoted cell starts here but its closing quote is missing");
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                cell.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                    if (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                        throw new ModelException("line " + line, null,
                                "unexpected text after the closing quote of cell " + (cells.size() + 1)
                                        + " (a quote inside a quoted cell must be doubled)");
                    }
                } else {
                    // Unquoted: taken literally up to the next separator, stray quotes included.
                    while (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                        cell.append(text.charAt(i++));
                    }
                }
                cells.add(cell.toString());
                if (i >= n) {
                    endOfRecord = true;
                } else if (text.charAt(i) == ',') {
                    i++;
                } else {
                    i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    endOfRecord = true;
                }
            }
            records.add(new Record(recordLine, cells));
        }
        return records;
    }

    /** Appends one record, quoting only the cells that need it. */
    static void appendRecord(StringBuilder out, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            appendCell(out, cells.get(c));
        }
        out.append("\r\n");
    }

    private static void appendCell(StringBuilder out, String cell) {
        boolean quote = cell.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\r' || ch == '\n')
                || (!cell.isEmpty() && (Character.isWhitespace(cell.charAt(0))
                        || Character.isWhitespace(cell.charAt(cell.length() - 1))));
        if (!quote) {
            out.append(cell);
            return;
        }
        out.append('"');
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }
}
