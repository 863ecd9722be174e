package org.peresvet.app.tree;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peresvet.app.Messages;
import org.peresvet.app.common.ValueFormat;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.app.project.TagWrites;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.runtime.WriteResult;

/**
 * An operator's write of one value, with its outcome: confirmed once the engine has applied it
 * (manual tags) or once the device has echoed it back (connector tags; never on mere sending),
 * or failed with the reason. Blocking: run it off the FX thread.
 */
public final class WriteService {

    /** What a write goes to: the open project, or a stand-in in tests. */
    public interface Target {
        ModelSnapshot model();

        /** @throws IllegalArgumentException or IllegalStateException with the reason it was refused */
        void write(UUID tagId, Sample sample);

        /** Waits until every queued sample is applied. */
        void flush();

        Sample current(UUID tagId);

        /**
         * Sends a value to the device behind a connector tag; completes when the device echoed it
         * or the write failed (with the reason).
         */
        CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user);

        /** Why a write to the tag needs a reason (the rule, for people); empty when it needs none. */
        default Optional<String> reasonRequired(UUID tagId) {
            return Optional.empty();
        }

        /** These writes giving a reason, kept in the audit record. */
        default Target withReason(String reason) {
            return this;
        }

        /** The open project's writes; the project records its own actor, whatever {@code user} says. */
        static Target of(ProjectContext project) {
            return of(project, project.writes());
        }

        private static Target of(ProjectContext project, TagWrites writes) {
            return new Target() {
                @Override
                public ModelSnapshot model() {
                    return project.model().snapshot();
                }

                @Override
                public void write(UUID tagId, Sample sample) {
                    writes.write(tagId, sample);
                }

                @Override
                public void flush() {
                    writes.flush();
                }

                @Override
                public Sample current(UUID tagId) {
                    return project.values().current(tagId);
                }

                @Override
                public CompletableFuture<WriteResult> writeToDevice(UUID tagId, Object value, String user) {
                    return writes.toDevice(tagId, value);
                }

                @Override
                public Optional<String> reasonRequired(UUID tagId) {
                    return writes.reasonRequired(tagId);
                }

                @Override
                public Target withReason(String reason) {
                    return of(project, writes.withReason(reason));
                }
            };
        }
    }

    /** The outcome: {@code confirmed} true when the tag now holds the written value. */
    public record Result(boolean confirmed, String message, Sample before, Sample after) {
    }

    /** Longest wait for a device write; the engine settles each write by its echo timeout long before. */
    private static final long DEVICE_WAIT_MINUTES = 15;

    private WriteService() {
    }

    /**
     * Who writes from this workstation, as the write event records it: the operator's name, the
     * same as alarm commands record (no log-in yet: the system user).
     */
    public static String operator() {
        return System.getProperty("user.name", "operator");
    }

    /** True when a write to {@code t} goes to a device and waits for its echo. */
    public static boolean toDevice(TagDef t) {
        return t != null && t.source() == SourceKind.CONNECTOR;
    }

    /**
     * Turns typed text into the tag's value.
     *
     * @throws IllegalArgumentException with the reason, e.g. "value 'abc' is not a valid double"
     */
    public static Object parse(TagDef t, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(Messages.get("write.empty"));
        }
        Object v = t.type().coerce(text.strip().replace(',', t.type() == org.peresvet.model.ValueType.DOUBLE ? '.' : ','));
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(Messages.get("write.notFinite"));
            }
        }
        if (v instanceof Number n && (t.min() != null && n.doubleValue() < t.min() || t.max() != null && n.doubleValue() > t.max())) {
            throw new IllegalArgumentException(Messages.get("write.outOfRange", ValueFormat.plain(t, v),
                    t.min() == null ? "−∞" : ValueFormat.plain(t, t.min()), t.max() == null ? "∞" : ValueFormat.plain(t, t.max())));
        }
        return v;
    }

    /** Writes {@code value} now and waits for the engine (or, for a connector tag, the device) to apply it. */
    public static Result write(Target target, UUID tagId, Object value) {
        ModelSnapshot m = target.model();
        TagDef t = m.tag(tagId);
        String path = m.tagPath(tagId);
        Sample before = target.current(tagId);
        if (t == null) {
            return new Result(false, Messages.get("write.failed", String.valueOf(tagId), Messages.get("write.tagGone")), before, before);
        }
        if (!ValueFormat.writable(t)) {
            return new Result(false, Messages.get("write.failed", path, Messages.get("write.notWritable")), before, before);
        }
        if (toDevice(t)) {
            return writeDevice(target, t, path, before, value);
        }
        Sample sample = Sample.of(Math.max(Micros.now(), before == null ? 0 : before.x() + 1), value);
        try {
            target.write(tagId, sample);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Result(false, Messages.get("write.failed", path, e.getMessage()), before, before);
        }
        target.flush();
        Sample after = target.current(tagId);
        Object expected = t.type().coerce(value);
        if (after != null && after.x() == sample.x() && Objects.equals(after.y(), expected)) {
            return new Result(true, Messages.get("write.confirmed", t.name(), ValueFormat.value(t, after),
                    ValueFormat.value(t, before)), before, after);
        }
        if (after != null && Objects.equals(after.y(), expected)) {
            // Equal to the value it held (or within the deadband): the engine kept the sample it had.
            return new Result(true, Messages.get("write.unchanged", t.name(), ValueFormat.value(t, after)), before, after);
        }
        return new Result(false, Messages.get("write.failed", path, Messages.get("write.notApplied",
                after == null ? "—" : ValueFormat.value(t, after))), before, after);
    }

    /** Sends the value to the device and waits for the engine's verdict: echoed, or why not. */
    private static Result writeDevice(Target target, TagDef t, String path, Sample before, Object value) {
        WriteResult r;
        try {
            r = target.writeToDevice(t.id(), value, operator()).get(DEVICE_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, Messages.get("write.failed", path, Messages.get("write.device.interrupted")), before, before);
        } catch (TimeoutException e) {
            return new Result(false, Messages.get("write.failed", path, Messages.get("write.device.TIMEOUT",
                    DEVICE_WAIT_MINUTES + " min")), before, before);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new Result(false, Messages.get("write.failed", path, c.getMessage() == null ? c.toString() : c.getMessage()),
                    before, before);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Result(false, Messages.get("write.failed", path, e.getMessage()), before, before);
        }
        target.flush();
        Sample after = target.current(t.id());
        if (r.isConfirmed()) {
            return new Result(true, Messages.get("write.deviceConfirmed", t.name(), ValueFormat.value(t, Sample.of(0, r.confirmed())),
                    ValueFormat.value(t, before)), before, after);
        }
        return new Result(false, Messages.get("write.failed", path, Messages.get("write.device." + r.status().name(), r.reason())),
                before, after);
    }
}
