package org.peresvet.app.common;

import java.util.UUID;

/** A formula someone asked to edit: a calculated tag's, or a write method's. */
public record FormulaRef(Kind kind, UUID id) {

    public enum Kind { TAG, METHOD }

    public static FormulaRef tag(UUID id) {
        return new FormulaRef(Kind.TAG, id);
    }

    public static FormulaRef method(UUID id) {
        return new FormulaRef(Kind.METHOD, id);
    }
}
