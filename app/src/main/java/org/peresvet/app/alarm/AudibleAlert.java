package org.peresvet.app.alarm;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Decides when the horn sounds: while any annunciated alarm waits for acknowledgement, unless the
 * operator silenced it. Silencing covers the alarms unacknowledged at that moment; a new one
 * sounds again (a silenced horn must not hide a new alarm). Acknowledging every alarm stops it.
 * FX thread; no toolkit needed.
 */
public final class AudibleAlert implements AutoCloseable {
    private AlertSound sound;
    private final ReadOnlyBooleanWrapper silenced = new ReadOnlyBooleanWrapper(this, "silenced");
    private Set<UUID> unacknowledged = Set.of();
    private Set<UUID> silencedFor = Set.of();

    public AudibleAlert(AlertSound sound) {
        this.sound = Objects.requireNonNull(sound, "sound");
    }

    /** The alarms waiting for acknowledgement now. */
    public void update(Set<UUID> unacked) {
        unacknowledged = Set.copyOf(unacked);
        if (silenced.get() && !silencedFor.containsAll(unacknowledged)) {
            silenced.set(false); // a new alarm: sound again
        }
        if (unacknowledged.isEmpty()) {
            silenced.set(false);
        }
        apply();
    }

    /** Silences the horn for the alarms unacknowledged now. */
    public void silence() {
        if (!unacknowledged.isEmpty()) {
            silencedFor = unacknowledged;
            silenced.set(true);
            apply();
        }
    }

    /** Lets the horn sound again for the alarms waiting. */
    public void unsilence() {
        silenced.set(false);
        apply();
    }

    public void toggleSilence() {
        if (silenced.get()) {
            unsilence();
        } else {
            silence();
        }
    }

    private void apply() {
        boolean want = !unacknowledged.isEmpty() && !silenced.get();
        if (want) {
            sound.start();
        } else {
            sound.stop();
        }
    }

    /** Replaces the sound (tests use a recording one); the old one is closed. */
    public void use(AlertSound replacement) {
        AlertSound old = sound;
        sound = Objects.requireNonNull(replacement, "sound");
        old.close();
        apply();
    }

    public ReadOnlyBooleanProperty silencedProperty() {
        return silenced.getReadOnlyProperty();
    }

    public boolean isSounding() {
        return sound.isSounding();
    }

    @Override
    public void close() {
        sound.close();
    }
}
