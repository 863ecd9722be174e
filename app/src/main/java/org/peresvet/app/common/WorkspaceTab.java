package org.peresvet.app.common;

import javafx.scene.Node;

/**
 * A screen shown as a tab in the centre of the shell: the object view now; the formula editor,
 * trends and mnemonic screens later. A tab only implements this; the shell needs no change.
 */
public interface WorkspaceTab {

    /** Identifies the tab: opening a tab with a key already open selects that tab instead. */
    String key();

    /** The tab's title. */
    String title();

    /** The tab's content, built once. */
    Node content();

    /** Whether the user may close it. */
    default boolean closable() {
        return true;
    }

    /** The tab was closed or the project changed: release watches and listeners. */
    default void dispose() {
    }
}
