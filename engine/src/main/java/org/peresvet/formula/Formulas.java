package org.peresvet.formula;

import org.peresvet.formula.internal.Compiler;
import org.peresvet.model.ValueType;

/**
 * The public entry to the formula language, for calculated tags here and for other capabilities
 * (methods, expression alarms): {@code Formulas.compile(text, context)} parses, type-checks and
 * compiles once; the {@link CompiledFormula} is then evaluated as often as needed.
 */
public final class Formulas {
    private Formulas() {
    }

    /**
     * @throws FormulaException with line, column and a readable reason (unknown tags come with a
     *                          "did you mean")
     */
    public static CompiledFormula compile(String text, FormulaContext context) {
        return Compiler.compile(text, context);
    }

    /** The absolute path a reference as written resolves to from {@code basePath}; null above the root. */
    public static String resolvePath(String basePath, String written) {
        return Compiler.resolvePath(basePath, written);
    }

    /**
     * Whether a formula of type {@code result} can compute a tag of type {@code tag}; returns the
     * reason it cannot, or null.
     */
    public static String incompatibility(FormulaType result, ValueType tag) {
        return switch (tag) {
            case INT, DOUBLE -> result.fits(FormulaType.NUMBER) ? null
                    : "the formula gives " + result.label() + " but the tag is a " + tag.label() + " tag";
            case BOOL -> result == FormulaType.BOOL ? null
                    : "the formula gives " + result.label() + " but the tag is a bool tag"
                    + (result == FormulaType.NUMBER ? " (compare it, e.g. {x} > 0)" : "");
            case STRING -> null;
            case JSON -> "a json tag cannot be calculated";
        };
    }

    /**
     * A formula result (Double, Boolean, String) in the Java form of the tag's type: numbers for
     * int tags are rounded to the nearest integer.
     *
     * @throws IllegalArgumentException when it does not fit
     */
    public static Object toTagValue(Object v, ValueType tag) {
        if (v == null) {
            return null;
        }
        return switch (tag) {
            case INT -> v instanceof Boolean b ? (b ? 1L : 0L) : Math.round(((Number) v).doubleValue());
            case DOUBLE -> v instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) v).doubleValue();
            case STRING -> org.peresvet.formula.internal.Texts.of(v);
            default -> tag.coerce(v);
        };
    }
}
