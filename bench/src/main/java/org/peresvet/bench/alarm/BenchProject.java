package org.peresvet.bench.alarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.peresvet.engine.Engine;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** A throw-away project folder with 10,000 DOUBLE tags (100 objects × 100 tags) and, optionally, alarms. */
final class BenchProject implements AutoCloseable {
    static final int OBJECTS = 100;
    static final int TAGS_PER_OBJECT = 100;

    final Path dir;

    BenchProject(String prefix) throws IOException {
        dir = Files.createTempDirectory(prefix);
    }

    /** Creates the tags in one edit; returns their ids in a fixed order. */
    static List<UUID> createTags(Engine engine) {
        List<ModelEdit> edits = new ArrayList<>();
        List<UUID> tags = new ArrayList<>();
        for (int o = 0; o < OBJECTS; o++) {
            ObjectDef obj = ObjectDef.create(null, "Unit" + o);
            edits.add(new ModelEdit.PutObject(obj));
            for (int t = 0; t < TAGS_PER_OBJECT; t++) {
                TagDef tag = TagDef.builder(obj.id(), "T" + t, ValueType.DOUBLE).units("u").build();
                edits.add(new ModelEdit.PutTag(tag));
                tags.add(tag.id());
            }
        }
        engine.edit(edits);
        return tags;
    }

    /**
     * One alarm per tag, a mix of kinds as a plant has them: 40 % Hi, 20 % Lo, 15 % HiHi, 15 % LoLo,
     * 5 % rate of change, 5 % bad quality.
     */
    static List<AlarmDef> alarmsFor(List<UUID> tags, double hi, double lo) {
        List<AlarmDef> out = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            UUID t = tags.get(i);
            int k = i % 20;
            AlarmDef.Builder b;
            if (k < 8) {
                b = AlarmDef.builder(t, AlarmKind.HI).limit(hi).deadband(0.5).message("{path} high: {value} {units}");
            } else if (k < 12) {
                b = AlarmDef.builder(t, AlarmKind.LO).limit(lo).deadband(0.5);
            } else if (k < 15) {
                b = AlarmDef.builder(t, AlarmKind.HIHI).limit(hi + 5).onDelayMillis(500);
            } else if (k < 18) {
                b = AlarmDef.builder(t, AlarmKind.LOLO).limit(lo - 5).latching(true);
            } else if (k < 19) {
                b = AlarmDef.builder(t, AlarmKind.RATE).limit(10_000.0);
            } else {
                b = AlarmDef.builder(t, AlarmKind.BAD_QUALITY);
            }
            out.add(b.build());
        }
        return out;
    }

    static void defineAlarms(Engine engine, List<AlarmDef> alarms) {
        engine.edit(alarms.stream().map(a -> (ModelEdit) new ModelEdit.PutAlarm(a)).toList());
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
