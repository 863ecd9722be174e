package org.peresvet.app.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;
import org.peresvet.app.common.WorkspaceTab;

/** Opens {@link WorkspaceTab}s in the shell's tab pane, one tab per key. FX thread. */
public final class TabHost {
    private final TabPane pane;
    private final Map<String, Tab> open = new LinkedHashMap<>();
    private final Map<String, WorkspaceTab> screens = new LinkedHashMap<>();

    public TabHost(TabPane pane) {
        this.pane = pane;
    }

    /** Shows the screen, opening a tab for it unless one with its key is open; returns the screen shown. */
    public WorkspaceTab open(WorkspaceTab screen) {
        Tab tab = open.get(screen.key());
        if (tab == null) {
            tab = new Tab(screen.title(), screen.content());
            tab.setClosable(screen.closable());
            tab.setId("tab-" + screen.key());
            String key = screen.key();
            tab.setOnClosed(e -> close(key));
            open.put(key, tab);
            screens.put(key, screen);
            pane.getTabs().add(tab);
        } else if (screens.get(screen.key()) != screen) {
            screen.dispose();
        }
        pane.getSelectionModel().select(tab);
        return screens.get(screen.key());
    }

    /** Whether the dark sheet is loaded (a chart draws its own colours). */
    boolean isDark() {
        return pane.getScene() != null && pane.getScene().getStylesheets().stream().anyMatch(s -> s.contains("dark"));
    }

    Window window() {
        return pane.getScene() == null ? null : pane.getScene().getWindow();
    }

    public Optional<WorkspaceTab> screen(String key) {
        return Optional.ofNullable(screens.get(key));
    }

    /** Closes the tab with this key, if open (a screen closing itself, e.g. Cancel). */
    public void closeTab(String key) {
        Tab tab = open.get(key);
        if (tab != null) {
            pane.getTabs().remove(tab);
            close(key);
        }
    }

    private void close(String key) {
        open.remove(key);
        WorkspaceTab s = screens.remove(key);
        if (s != null) {
            s.dispose();
        }
    }

    /** Closes every tab (another project was opened). */
    public void closeAll() {
        pane.getTabs().clear();
        screens.values().forEach(WorkspaceTab::dispose);
        screens.clear();
        open.clear();
    }
}
