package org.peresvet.app.wizard;

import java.util.UUID;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;
import org.peresvet.model.ValueType;

/**
 * One entity of a chosen board with the tag proposed for it; the user edits the fields on page 3.
 * Not thread-safe: the FX thread only.
 */
public final class EntityRow {
    /** Against what the project already has (a re-run on a configured board). */
    public enum Status { NEW, CHANGED, UNCHANGED, VANISHED }

    final DiscoveredBoard board;
    final DiscoveredEntity entity;
    /** The tag already bound to this entity (re-run), or null. */
    final UUID existingTag;
    final Status status;
    /** Why the entity cannot be mapped, or null when it can. */
    final String unsupported;
    boolean include;
    String tagName;
    /** The name proposed from the entity, before a template gave it a standard one. */
    String proposedName;
    /** The user typed the name: templates leave it alone. */
    boolean nameEdited;
    /** The object this entity's tag goes to, or null for its board's. */
    WizardPlan.Target target;
    ValueType type;
    String units;
    double deadband;
    boolean writable;

    EntityRow(DiscoveredBoard board, DiscoveredEntity entity, UUID existingTag, Status status, String unsupported) {
        this.board = board;
        this.entity = entity;
        this.existingTag = existingTag;
        this.status = status;
        this.unsupported = unsupported;
    }

    public DiscoveredBoard board() {
        return board;
    }

    public DiscoveredEntity entity() {
        return entity;
    }

    public Status status() {
        return status;
    }

    public String unsupported() {
        return unsupported;
    }

    public boolean include() {
        return include;
    }

    public void include(boolean v) {
        include = v && unsupported == null;
    }

    public String tagName() {
        return tagName;
    }

    public void tagName(String v) {
        nameEdited = nameEdited || !v.equals(tagName);
        tagName = v;
    }

    public WizardPlan.Target target() {
        return target;
    }

    /** Sends this entity's tag to another object (null: its board's). */
    public void target(WizardPlan.Target v) {
        target = v;
    }

    public ValueType type() {
        return type;
    }

    public void type(ValueType v) {
        type = v;
    }

    public String units() {
        return units;
    }

    public void units(String v) {
        units = v;
    }

    public double deadband() {
        return deadband;
    }

    public void deadband(double v) {
        deadband = v;
    }

    public boolean writable() {
        return writable;
    }

    public void writable(boolean v) {
        writable = v;
    }

    public UUID existingTag() {
        return existingTag;
    }
}
