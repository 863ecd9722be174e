package org.peresvet.app.tree;

import java.util.Objects;
import java.util.UUID;
import org.peresvet.app.Messages;
import org.peresvet.engine.Engine;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;

/**
 * An operator's write of one value, with its outcome: confirmed once the engine has applied it,
 * or failed with the reason. Blocking: run it off the FX thread.
 */
public final class WriteService {

    /** What a write goes to: the engine, or a stand-in in tests. */
    public interface Target {
        ModelSnapshot model();

        /** @throws IllegalArgumentException or IllegalStateException with the reason it was refused */
        void write(UUID tagId, Sample sample);

        /** Waits until every queued sample is applied. */
        void flush();

        Sample current(UUID tagId);

        static Target of(Engine engine) {
            return new Target() {
                @Override
                public ModelSnapshot model() {
                    return engine.model();
                }

                @Override
                public void write(UUID tagId, Sample sample) {
                    engine.write(tagId, sample);
                }

                @Override
                public void flush() {
                    engine.flush();
                }

                @Override
                public Sample current(UUID tagId) {
                    return engine.current(tagId);
                }
            };
        }
    }

    /** The outcome: {@code confirmed} true when the tag now holds the written value. */
    public record Result(boolean confirmed, String message, Sample before, Sample after) {
    }

    private WriteService() {
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

    /** Writes {@code value} now and waits for the engine to apply it. */
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
}
