package org.peresvet.connector.internal;

import java.util.ArrayList;
import java.util.List;
import org.peresvet.connector.ConnectorLogLine;

/** The last lines of a connector's log, bounded so a chatty device cannot exhaust memory. */
public final class LogRing {
    private final ConnectorLogLine[] lines;
    private int next;
    private long total;

    public LogRing(int capacity) {
        lines = new ConnectorLogLine[capacity];
    }

    public synchronized void add(ConnectorLogLine line) {
        lines[next] = line;
        next = (next + 1) % lines.length;
        total++;
    }

    /** Oldest first. */
    public synchronized List<ConnectorLogLine> lines() {
        List<ConnectorLogLine> out = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            ConnectorLogLine l = lines[(next + i) % lines.length];
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** Lines ever added (older ones dropped beyond the capacity). */
    public synchronized long total() {
        return total;
    }
}
