package org.peresvet.model.io;

/** A document refused by {@link StrictJson}: the reason, and where (line and column from 1; -1 when unknown). */
public final class StrictJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int line;
    private final int column;

    public StrictJsonException(String reason, int line, int column) {
        super(line > 0 ? "not valid JSON at line " + line + ", column " + column + ": " + reason
                : "not valid JSON: " + reason);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
