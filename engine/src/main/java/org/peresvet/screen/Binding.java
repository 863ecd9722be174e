package org.peresvet.screen;

/**
 * Where a bound property takes its value from: a tag by absolute path ({@code /Station/P1/Flow}),
 * or an expression in the formula language ({@code {/Station/P1/Flow} > 5}) that the runtime
 * compiles once and evaluates when an input changes. Exactly one of the two is set. Either may
 * contain macros ({@code $(pump)}) that a group or the widget fills in.
 */
public record Binding(String tag, String expression) {

    public Binding {
        if ((tag == null) == (expression == null)) {
            throw new IllegalArgumentException("a binding has either a tag or an expression");
        }
        if ((tag != null ? tag : expression).isBlank()) {
            throw new IllegalArgumentException("a binding's tag or expression must not be empty");
        }
    }

    public static Binding tag(String path) {
        return new Binding(path, null);
    }

    public static Binding expression(String text) {
        return new Binding(null, text);
    }

    public boolean isTag() {
        return tag != null;
    }

    /** The tag path or the expression text. */
    public String source() {
        return tag != null ? tag : expression;
    }

    /** The same kind of binding with its text rewritten (macro expansion). */
    Binding withSource(String source) {
        return tag != null ? tag(source) : expression(source);
    }
}
