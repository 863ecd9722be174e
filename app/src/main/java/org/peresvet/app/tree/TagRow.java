package org.peresvet.app.tree;

import org.peresvet.app.fx.LiveValue;
import org.peresvet.model.TagDef;

/** One row of the object view: a tag and its live value. */
public record TagRow(TagDef def, LiveValue live) {
}
