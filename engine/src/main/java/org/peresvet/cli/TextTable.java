package org.peresvet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table with left-aligned columns, for listings a person reads. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    void add(String... cells) {
        rows.add(List.of(cells));
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (List<String> r : concat()) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        for (List<String> r : concat()) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(r.get(c));
                if (c < widths.length - 1) {
                    line.append(" ".repeat(widths[c] - r.get(c).length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<List<String>> concat() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
