package org.peresvet.app.mnemonic;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/** Back and forward through the screens an operator opened, like a browser. */
final class Navigation {
    private final Deque<UUID> back = new ArrayDeque<>();
    private final Deque<UUID> forward = new ArrayDeque<>();
    private UUID current;

    /** Going to {@code id} from the current screen: it joins the back list, forward is cleared. */
    void go(UUID id) {
        if (current != null && !current.equals(id)) {
            back.push(current);
            forward.clear();
        }
        current = id;
    }

    UUID back() {
        if (back.isEmpty()) {
            return null;
        }
        forward.push(current);
        current = back.pop();
        return current;
    }

    UUID forward() {
        if (forward.isEmpty()) {
            return null;
        }
        back.push(current);
        current = forward.pop();
        return current;
    }

    boolean canGoBack() {
        return !back.isEmpty();
    }

    boolean canGoForward() {
        return !forward.isEmpty();
    }

    UUID current() {
        return current;
    }
}
