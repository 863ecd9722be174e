package org.peresvet.bench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.peresvet.api.ApiConfig;
import org.peresvet.api.ApiServer;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/**
 * An engine with a fresh project of {@code n} double tags (deadband 0) under {@code /Bench}, and
 * the HTTP API over it on a free loopback port. Deleted on close.
 */
final class BenchTarget implements AutoCloseable {
    final Path dir;
    final Engine engine;
    final ApiServer api;
    final List<UUID> tags = new ArrayList<>();

    BenchTarget(int n) throws IOException {
        dir = Files.createTempDirectory("peresvet-api-bench");
        engine = Engine.open(dir, EngineOptions.quiet()).start();
        ObjectDef root = ObjectDef.create(null, "Bench");
        List<ModelEdit> edits = new ArrayList<>();
        edits.add(new ModelEdit.PutObject(root));
        for (int i = 0; i < n; i++) {
            TagDef t = TagDef.builder(root.id(), String.format("T%04d", i), ValueType.DOUBLE).build();
            tags.add(t.id());
            edits.add(new ModelEdit.PutTag(t));
        }
        engine.edit(edits);
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0));
    }

    String url() {
        return api.url();
    }

    @Override
    public void close() throws IOException {
        api.close();
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** {@code --name value} from the arguments, or the default. */
    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
