package org.peresvet.alarm;

import java.util.Objects;
import java.util.UUID;
import org.peresvet.model.AlarmState;
import org.peresvet.model.AlarmStatus;
import org.peresvet.model.AlarmTransition;

/**
 * The ISA-18.2 life cycle of one alarm, as a plain class with a listener: no I/O, no threads, no
 * clock of its own (every call takes the time, in µs), so it is tested with a fake clock.
 * Not thread-safe; the engine drives it from its loop thread.
 *
 * <p>The process side: {@link #evaluate} gets the raw condition with each value; it becomes the
 * alarm's {@code active} flag after the on-delay (or, going back, the off-delay), checked again by
 * {@link #tick}. An activation always needs an acknowledgement; a return to normal of an
 * acknowledged alarm gives {@link AlarmState#NORMAL}, of an unacknowledged one
 * {@link AlarmState#RETURNED_UNACKNOWLEDGED} (or NORMAL at once with {@code autoAck}). A latching
 * alarm holds in {@link AlarmState#LATCHED} after return to normal until it is acknowledged and
 * {@link #reset}. Acknowledging is allowed while the alarm is still active.
 *
 * <p>The masks — shelving (timed, or one-shot until the next return to normal), suppression by
 * design and out of service — are independent of each other and of the process side, which keeps
 * running underneath, so lifting a mask shows the true state at once. While masked, a return to
 * normal needs no acknowledgement and does not latch (nobody was shown the alarm); an activation
 * still does, so an alarm that is active when its mask lifts is annunciated.
 *
 * <p>Every change of state (and every activation or clearing, even while masked) is reported to the
 * listener as a {@link Change}; commands that change nothing return false and report nothing.
 */
public final class AlarmStateMachine {
    /** The user recorded for automatic acknowledgements ({@code autoAck}). */
    public static final String AUTO_USER = "auto";

    /** Receives every transition, synchronously, in order. */
    public interface Listener {
        void transition(Change change);
    }

    /**
     * One transition.
     *
     * @param value the last value given to {@link #evaluate} (may be null)
     * @param user  who caused it (null: the process or a timer)
     */
    public record Change(AlarmTransition transition, AlarmState from, AlarmState to, long time, Object value,
                         String user, String comment) {
    }

    /** The timing options of an alarm's definition; delays in µs. */
    public record Options(long onDelay, long offDelay, boolean latching, boolean autoAck) {
        public static final Options NONE = new Options(0, 0, false, false);

        public Options {
            if (onDelay < 0 || offDelay < 0) {
                throw new IllegalArgumentException("delays must not be negative");
            }
        }
    }

    private final Listener listener;
    private Options options;

    private boolean active;
    private boolean acked = true;
    private boolean latched;
    /** The raw condition differs from {@code active} since {@code pendingSince}: a delay runs. */
    private boolean pending;
    private long pendingSince;
    private Object lastValue;
    private long activeSince;
    private long changedAt;

    private AlarmStatus.Ack ack;
    private AlarmStatus.Shelving shelving;
    private boolean suppressed;
    private AlarmStatus.Service service;

    public AlarmStateMachine(Options options, Listener listener) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** New options (the definition was edited); the state is kept. */
    public void options(Options newOptions) {
        options = Objects.requireNonNull(newOptions, "options");
    }

    public Options options() {
        return options;
    }

    // ---- the process ----

    /**
     * The condition as the latest value shows it. It takes effect at once, or after the on-/off-delay
     * when it still holds then (checked here and by {@link #tick}).
     */
    public void evaluate(boolean condition, Object value, long now) {
        lastValue = value;
        if (condition == active) {
            pending = false;
            return;
        }
        if (!pending) {
            pending = true;
            pendingSince = now;
        }
        if (now - pendingSince >= delayTowards(condition)) {
            apply(condition, now);
        }
    }

    /** The tag's latest value, reported with the next transition (when it did not come through {@link #evaluate}). */
    public void value(Object value) {
        lastValue = value;
    }

    /** Timers: on- and off-delays that ran out, timed shelving that expired. */
    public void tick(long now) {
        if (pending && now - pendingSince >= delayTowards(!active)) {
            apply(!active, now);
        }
        if (shelving != null && !shelving.oneShot() && now >= shelving.until()) {
            AlarmState before = state();
            shelving = null;
            emit(AlarmTransition.SHELVE_EXPIRED, before, now, null, null);
        }
    }

    /** The earliest time {@link #tick} has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        if (pending) {
            next = pendingSince + delayTowards(!active);
        }
        if (shelving != null && !shelving.oneShot()) {
            next = Math.min(next, shelving.until());
        }
        return next;
    }

    private long delayTowards(boolean on) {
        return on ? options.onDelay() : options.offDelay();
    }

    private void apply(boolean on, long now) {
        pending = false;
        AlarmState before = state();
        if (on) {
            active = true;
            activeSince = now;
            acked = false;
            latched = false;
            emit(AlarmTransition.ACTIVATED, before, now, null, null);
            return;
        }
        active = false;
        if (isMasked()) {
            acked = true; // nobody was shown it: nothing to acknowledge, nothing to latch
        } else if (options.latching()) {
            latched = true;
        } else if (options.autoAck() && !acked) {
            acked = true;
            ack = new AlarmStatus.Ack(AUTO_USER, now, null);
        }
        emit(AlarmTransition.CLEARED, before, now, null, null);
        if (shelving != null && shelving.oneShot()) {
            AlarmState mid = state();
            shelving = null;
            emit(AlarmTransition.UNSHELVED, mid, now, null, "one-shot shelving ended at return to normal");
        }
    }

    // ---- operators ----

    /** Acknowledges an unacknowledged alarm, active or not; false when there is nothing to acknowledge. */
    public boolean acknowledge(String user, String comment, long now) {
        if (acked) {
            return false;
        }
        AlarmState before = state();
        acked = true;
        ack = new AlarmStatus.Ack(user, now, comment);
        emit(AlarmTransition.ACKNOWLEDGED, before, now, user, comment);
        return true;
    }

    /** Resets a latched, acknowledged alarm to normal; false when it is not latched or not yet acknowledged. */
    public boolean reset(String user, String comment, long now) {
        if (!latched || !acked) {
            return false;
        }
        AlarmState before = state();
        latched = false;
        emit(AlarmTransition.RESET, before, now, user, comment);
        return true;
    }

    /** Shelves until {@code until} (µs, after now); shelving again replaces the previous shelving. */
    public void shelve(String user, String reason, long until, long now) {
        if (until <= now) {
            throw new IllegalArgumentException("a shelving must end in the future");
        }
        AlarmState before = state();
        shelving = new AlarmStatus.Shelving(user, reason, now, until);
        emit(AlarmTransition.SHELVED, before, now, user, reason);
    }

    /** Shelves until the alarm next returns to normal. */
    public void shelveOneShot(String user, String reason, long now) {
        AlarmState before = state();
        shelving = new AlarmStatus.Shelving(user, reason, now, 0);
        emit(AlarmTransition.SHELVED, before, now, user, reason);
    }

    public boolean unshelve(String user, long now) {
        if (shelving == null) {
            return false;
        }
        AlarmState before = state();
        shelving = null;
        emit(AlarmTransition.UNSHELVED, before, now, user, null);
        return true;
    }

    /** The suppression condition (suppression by design) as its tag shows it. */
    public boolean suppress(boolean on, long now) {
        if (on == suppressed) {
            return false;
        }
        AlarmState before = state();
        suppressed = on;
        emit(on ? AlarmTransition.SUPPRESSED : AlarmTransition.UNSUPPRESSED, before, now, null, null);
        return true;
    }

    public boolean removeFromService(String user, String reason, long now) {
        if (service != null) {
            return false;
        }
        AlarmState before = state();
        service = new AlarmStatus.Service(user, reason, now);
        emit(AlarmTransition.REMOVED_FROM_SERVICE, before, now, user, reason);
        return true;
    }

    public boolean returnToService(String user, long now) {
        if (service == null) {
            return false;
        }
        AlarmState before = state();
        service = null;
        emit(AlarmTransition.RETURNED_TO_SERVICE, before, now, user, null);
        return true;
    }

    // ---- reading ----

    /** The state operators see: a mask if any (out of service, shelved, suppressed), else the process state. */
    public AlarmState state() {
        if (service != null) {
            return AlarmState.OUT_OF_SERVICE;
        }
        if (shelving != null) {
            return AlarmState.SHELVED;
        }
        if (suppressed) {
            return AlarmState.SUPPRESSED;
        }
        return processState();
    }

    /** The state under the masks. */
    public AlarmState processState() {
        if (active) {
            return acked ? AlarmState.ACKNOWLEDGED : AlarmState.UNACKNOWLEDGED;
        }
        if (latched) {
            return AlarmState.LATCHED;
        }
        return acked ? AlarmState.NORMAL : AlarmState.RETURNED_UNACKNOWLEDGED;
    }

    public boolean isMasked() {
        return service != null || shelving != null || suppressed;
    }

    public boolean isActive() {
        return active;
    }

    public boolean isAcknowledged() {
        return acked;
    }

    public boolean isSuppressed() {
        return suppressed;
    }

    public boolean isLatched() {
        return latched;
    }

    public AlarmStatus.Shelving shelving() {
        return shelving;
    }

    public AlarmStatus status(UUID alarmId, String message) {
        return new AlarmStatus(alarmId, state(), active, acked, latched, suppressed, activeSince, changedAt,
                lastValue == null ? null : String.valueOf(lastValue), message, ack, shelving, service);
    }

    /** Takes over a persisted state (engine restart); no transition is reported. Delays start afresh. */
    public void restore(AlarmStatus s) {
        active = s.active();
        acked = s.acknowledged();
        latched = s.latched();
        suppressed = s.suppressed();
        activeSince = s.activeSince();
        changedAt = s.changedAt();
        lastValue = s.value();
        ack = s.ack();
        shelving = s.shelving();
        service = s.outOfService();
        pending = false;
    }

    private void emit(AlarmTransition t, AlarmState before, long now, String user, String comment) {
        changedAt = now;
        listener.transition(new Change(t, before, state(), now, lastValue, user, comment));
    }
}
