package org.peresvet.app.mnemonic;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a screen asks the operator before it writes: a new value (checked while typing) and a
 * confirmation showing the old and the new value. {@link FxOperatorQuestions} asks in dialogs;
 * tests answer directly.
 */
public interface OperatorQuestions {

    /**
     * A new value for {@code what}; {@code check} returns the reason a text is refused, or null.
     * Empty when cancelled.
     */
    Optional<String> askValue(String title, String what, String current, UnaryOperator<String> check);

    /** Whether to send: "old → new" is in {@code text}. */
    boolean confirm(String title, String header, String text);

    /**
     * The same confirmation with a field for the reason a project rule requires ({@code rule} says
     * which): the reason, or empty when cancelled. Answerers that cannot ask for one cancel: the
     * write then is not sent.
     */
    default Optional<String> confirmWithReason(String title, String header, String text, String rule) {
        return Optional.empty();
    }
}
