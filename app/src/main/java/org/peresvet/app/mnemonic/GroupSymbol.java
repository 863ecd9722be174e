package org.peresvet.app.mnemonic;

import org.peresvet.screen.WidgetDef;

/** A group: an empty box whose children the runtime and editor place inside it. */
final class GroupSymbol extends SymbolNode {
    GroupSymbol(WidgetDef def) {
        super(def);
        setPickOnBounds(false);
    }

    @Override
    protected void render(Props p) {
        // a group shows nothing of its own
    }
}
