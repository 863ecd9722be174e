package org.peresvet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The string bundles are edited by many branches at once: a merge must leave neither conflict
 * marks (a properties file takes them as keys without complaint) nor a key twice (the later one
 * silently wins).
 */
class BundleFilesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void bundlesHoldNoConflictMarksAndNoKeyTwice() throws IOException {
        List<Path> bundles;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            bundles = files.filter(p -> p.toString().endsWith(".properties")).toList();
        }
        assertThat(bundles).as("bundles under " + RESOURCES.toAbsolutePath()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path bundle : bundles) {
            problems.addAll(problemsOf(bundle));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsMarksAndRepeatedKeys() throws IOException {
        Path sample = Files.createTempFile("bundle", ".properties");
        try {
            Files.writeString(sample, "a=1\n<<<<<<< HEAD\nb=2\n=======\nb=3\n>>>>>>> branch\nlong=x\\\n  a=continued\n");
            assertThat(problemsOf(sample)).hasSize(4).anyMatch(s -> s.contains("key b twice"));
        } finally {
            Files.delete(sample);
        }
    }

    private static List<String> problemsOf(Path bundle) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        boolean continued = false;
        int n = 0;
        for (String line : Files.readAllLines(bundle, StandardCharsets.UTF_8)) {
            n++;
            boolean wasContinued = continued;
            continued = line.endsWith("\\") && !line.endsWith("\\\\");
            if (wasContinued) {
                continue;
            }
            if (line.startsWith("<<<<<<<") || line.startsWith("=======") || line.startsWith(">>>>>>>")
                    || line.startsWith("|||||||")) {
                problems.add(bundle + ":" + n + ": conflict mark " + line);
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            String key = trimmed.split("\\s*[=:]", 2)[0];
            if (!keys.add(key)) {
                problems.add(bundle + ":" + n + ": key " + key + " twice");
            }
        }
        return problems;
    }
}
