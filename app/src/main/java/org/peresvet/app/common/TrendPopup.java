package org.peresvet.app.common;

import java.util.UUID;

/**
 * Opens a tag's popup trend (its last hour, live). Screens that offer it (a mnemonic symbol on
 * double-click, a faceplate) receive one from the workbench instead of depending on the trend
 * screen.
 */
@FunctionalInterface
public interface TrendPopup {
    /** Where no trend can be shown. */
    TrendPopup NONE = tagId -> { };

    void show(UUID tagId);
}
