package org.peresvet.app.mnemonic;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.app.project.TagWrites;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.WriteResult;

/**
 * How a screen's controls write: the value is parsed and checked against the widget's limits and
 * the tag's range before anything is sent (a refused value never leaves the workstation), then a
 * connector tag's value goes to the device and counts only when its read-back echoes it, and a
 * manual tag's value is written into the engine and read back.
 */
final class ScreenWrites {
    static final long DEVICE_WAIT_MINUTES = 2;

    /**
     * The outcome: {@code message} as the screen's status line and the faceplate say it,
     * {@code word} the short verdict the symbol itself shows ("✓ confirmed", "✕ TIMEOUT").
     */
    record Outcome(boolean confirmed, String message, String word) {
        Outcome(boolean confirmed, String message) {
            this(confirmed, message, Messages.get(confirmed ? "screen.command.CONFIRMED" : "screen.command.FAILED"));
        }
    }

    private ScreenWrites() {
    }

    /**
     * The operator's text as the tag's value.
     *
     * @param min the widget's lower limit, or null; the tag's own range applies too
     * @throws IllegalArgumentException with the reason the value is refused
     */
    static Object parse(TagDef t, String text, Double min, Double max) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(Messages.get("write.empty"));
        }
        String s = text.strip();
        Object v;
        try {
            v = t.type().coerce(t.type() == ValueType.DOUBLE ? s.replace(',', '.') : s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? Messages.get("screen.notAValue", s) : e.getMessage(), e);
        }
        if (v instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException(Messages.get("write.notFinite"));
        }
        if (v instanceof Number n) {
            double lo = Math.max(min == null ? Double.NEGATIVE_INFINITY : min, t.min() == null ? Double.NEGATIVE_INFINITY : t.min());
            double hi = Math.min(max == null ? Double.POSITIVE_INFINITY : max, t.max() == null ? Double.POSITIVE_INFINITY : t.max());
            if (n.doubleValue() < lo || n.doubleValue() > hi) {
                throw new IllegalArgumentException(Messages.get("write.outOfRange", ValueFormat.plain(t, v),
                        Double.isInfinite(lo) ? "\u2212\u221E" : ValueFormat.plain(t, lo),
                        Double.isInfinite(hi) ? "\u221E" : ValueFormat.plain(t, hi)));
            }
        }
        return v;
    }

    /** Sends {@code value} to the tag and waits for the verdict. Call off the FX thread. */
    static Outcome send(ProjectContext p, TagDef t, Object value) {
        return send(p.writes(), p, t, value);
    }

    /** Sends through {@code writes} (the project's, or the same giving a reason). Call off the FX thread. */
    static Outcome send(TagWrites writes, ProjectContext p, TagDef t, Object value) {
        String path = p.model().snapshot().tagPath(t.id());
        Sample before = p.values().current(t.id());
        try {
            if (t.source() == SourceKind.CONNECTOR) {
                WriteResult r = writes.toDevice(t.id(), value).get(DEVICE_WAIT_MINUTES, TimeUnit.MINUTES);
                if (r.isConfirmed()) {
                    return new Outcome(true, Messages.get("write.deviceConfirmed", t.name(),
                            ValueFormat.value(t, Sample.of(0, r.confirmed())), ValueFormat.value(t, before)));
                }
                return new Outcome(false, Messages.get("write.failed", path, Messages.get("write.device." + r.status().name(), r.reason())),
                        Messages.get("screen.command." + r.status().name()));
            }
            Sample sample = Sample.of(Math.max(Micros.now(), before == null ? 0 : before.x() + 1), value);
            writes.write(t.id(), sample);
            writes.flush();
            Sample after = p.values().current(t.id());
            if (after != null && Objects.equals(after.y(), t.type().coerce(value))) {
                return new Outcome(true, Messages.get("write.confirmed", t.name(), ValueFormat.value(t, after), ValueFormat.value(t, before)));
            }
            return new Outcome(false, Messages.get("write.failed", path, Messages.get("write.notApplied", ValueFormat.value(t, after))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, Messages.get("write.failed", path, Messages.get("write.device.interrupted")));
        } catch (TimeoutException e) {
            return new Outcome(false, Messages.get("write.failed", path, Messages.get("write.device.TIMEOUT", DEVICE_WAIT_MINUTES + " min")),
                    Messages.get("screen.command.TIMEOUT"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new Outcome(false, Messages.get("write.failed", path, c.getMessage() == null ? c.toString() : c.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Outcome(false, Messages.get("write.failed", path, e.getMessage()));
        }
    }
}
