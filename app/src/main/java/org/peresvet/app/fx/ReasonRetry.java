package org.peresvet.app.fx;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.peresvet.app.Messages;
import org.peresvet.security.ReasonRequiredException;

/**
 * A change the engine refused because a rule of the project wants a reason for it: the person is
 * asked why (the same confirmation with a reason field), and the change is sent once more with
 * the reason. The one way the workstation answers such a refusal, so no screen shows it as a
 * plain error.
 */
public final class ReasonRetry {

    /** Asks the person for the reason the refusal wants (on the FX thread): the reason, or empty when cancelled. */
    @FunctionalInterface
    public interface Asker {
        Optional<String> ask(ReasonRequiredException refusal);
    }

    private ReasonRetry() {
    }

    /** The refusal for want of a reason behind {@code error} (wrapped or not), or null. */
    public static ReasonRequiredException refusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ReasonRequiredException r) {
                return r;
            }
        }
        return null;
    }

    /**
     * Asks through the workstation's dialogs: the action's confirmation with a reason field that
     * says which rule wants it.
     *
     * @param text    what the change does ("Acknowledge 3 alarms")
     * @param confirm the confirm button's label
     */
    public static Asker dialog(DialogService dialogs, String title, String text, String confirm) {
        return refusal -> dialogs.confirmWithReason(new DialogService.Confirmation(title, Messages.get("reason.header"), text,
                null, List.of(), confirm, false), Messages.get("reason.required", refusal.describe()));
    }

    /**
     * Runs {@code work} off the FX thread without a reason; when it is refused for want of one,
     * asks on the FX thread and runs {@code work} once more with the reason given. A cancelled
     * question hands the refusal to {@code onError}: nothing changed.
     *
     * @param work the change, given the reason (null on the first try)
     */
    public static <T> void run(Function<String, T> work, Asker asker, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        FxTasks.run(() -> work.apply(null), onSuccess, err -> {
            ReasonRequiredException why = refusal(err);
            Optional<String> reason = why == null ? Optional.empty() : asker.ask(why);
            if (reason.isPresent()) {
                FxTasks.run(() -> work.apply(reason.get()), onSuccess, onError);
            } else {
                onError.accept(err);
            }
        });
    }
}
