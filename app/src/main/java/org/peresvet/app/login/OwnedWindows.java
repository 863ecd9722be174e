package org.peresvet.app.login;

import java.util.List;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The windows a lock closes: a dialog or tool window left open would stay usable over the lock as
 * the locked user. A dialog closed this way is cancelled; popups (menus, tooltips) go too. FX
 * thread only.
 */
final class OwnedWindows {
    private OwnedWindows() {
    }

    /** Hides every showing window owned (directly or through others) by {@code main}. */
    static void close(Window main) {
        if (main == null) {
            return;
        }
        List<Window> owned = Window.getWindows().stream().filter(w -> w != main && w.isShowing() && ownedBy(w, main)).toList();
        owned.forEach(Window::hide);
    }

    private static boolean ownedBy(Window w, Window main) {
        for (Window o = owner(w); o != null; o = owner(o)) {
            if (o == main) {
                return true;
            }
        }
        return false;
    }

    private static Window owner(Window w) {
        if (w instanceof Stage st) {
            return st.getOwner();
        }
        return w instanceof PopupWindow pw ? pw.getOwnerWindow() : null;
    }
}
