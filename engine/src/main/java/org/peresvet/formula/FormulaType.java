package org.peresvet.formula;

import org.peresvet.model.ValueType;

/** The static type of a formula expression. Booleans may be used where a number is expected (true = 1). */
public enum FormulaType {
    NUMBER, BOOL, STRING;

    public String label() {
        return switch (this) {
            case NUMBER -> "a number";
            case BOOL -> "a boolean";
            case STRING -> "a string";
        };
    }

    /** True when a value of this type may be used where {@code wanted} is expected. */
    public boolean fits(FormulaType wanted) {
        return this == wanted || (this == BOOL && wanted == NUMBER);
    }

    /** The formula type of a tag's values; null for json tags, which formulas do not read. */
    public static FormulaType of(ValueType t) {
        return switch (t) {
            case INT, DOUBLE -> NUMBER;
            case BOOL -> BOOL;
            case STRING -> STRING;
            case JSON -> null;
        };
    }
}
