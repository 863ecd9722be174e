package org.peresvet.engine;

import java.nio.file.Path;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * Child process of {@link CrashRecoveryTest}: writes one sample per millisecond (x = i ms after
 * a base time) and reports how far it got, until it is killed. With a tag count as second
 * argument the samples go round robin over that many tags (sample i to tag i mod n): a few per
 * tag per flush, so history goes through the store's tail.
 */
public final class CrashWriter {
    static final long BASE = 1_700_000_000_000_000L;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Engine e = Engine.open(Path.of(args[0]), EngineOptions.quiet()).start();
        ObjectDef o = ObjectDef.create(null, "Crash");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        TagDef t = TagDef.builder(o.id(), "Counter", ValueType.INT).build();
        java.util.List<ModelEdit> edits = new java.util.ArrayList<>(java.util.List.of(new ModelEdit.PutObject(o), new ModelEdit.PutTag(t)));
        java.util.UUID[] tags = new java.util.UUID[n];
        tags[0] = t.id();
        for (int k = 1; k < n; k++) {
            TagDef other = TagDef.builder(o.id(), "Counter" + k, ValueType.INT).build();
            edits.add(new ModelEdit.PutTag(other));
            tags[k] = other.id();
        }
        e.edit(edits);
        System.out.println("ready " + t.id());
        long start = System.nanoTime();
        for (long i = 0; ; i++) {
            e.write(tags[(int) (i % n)], Sample.of(BASE + i * 1000, i));
            if (i % 50 == 0) {
                System.out.println("written " + i);
                System.out.flush();
            }
            long due = start + (i + 1) * 1_000_000L;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
        }
    }
}
