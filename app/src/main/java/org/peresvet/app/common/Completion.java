package org.peresvet.app.common;

/**
 * One proposal of the auto-completion: accepting it replaces {@code [replaceStart, replaceEnd)} of
 * the text with {@code insert} and puts the caret {@code caret} characters into it.
 *
 * @param label       what the list shows (a path, or a signature)
 * @param detail      a short note beside it (the tag's type and units, "stateful")
 * @param description one line on what it is (the function's description, the tag's description)
 */
public record Completion(Kind kind, String label, String detail, String description, int replaceStart, int replaceEnd,
                         String insert, int caret) {

    public enum Kind { TAG, OBJECT, FUNCTION, KEYWORD }

    /** The text after accepting this proposal in {@code text}. */
    public String applyTo(String text) {
        return text.substring(0, replaceStart) + insert + text.substring(replaceEnd);
    }

    /** Where the caret goes after accepting. */
    public int caretAfter() {
        return replaceStart + caret;
    }
}
