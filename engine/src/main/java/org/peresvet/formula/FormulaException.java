package org.peresvet.formula;

/**
 * A formula could not be compiled. {@link #line()} and {@link #column()} (both from 1) point at
 * the offending place; {@link #reason()} says what is wrong in words a person understands.
 */
public class FormulaException extends RuntimeException {
    private final int line;
    private final int column;
    private final String reason;

    public FormulaException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
