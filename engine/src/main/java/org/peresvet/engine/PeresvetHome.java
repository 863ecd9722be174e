package org.peresvet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.peresvet.store.ProjectFolder;
import org.peresvet.store.StoreException;

/**
 * The user's data folder: system property {@code peresvet.home}, else the environment variable
 * {@code PERESVET_HOME}, else {@code ~/.peresvet}. Projects live in its {@code projects/} folder.
 */
public record PeresvetHome(Path dir) {
    public static final String PROPERTY = "peresvet.home";
    public static final String ENV = "PERESVET_HOME";
    /** The bundled example that a first start opens. */
    public static final String DEMO = "pump-station";
    /** Files beside the demo's seed: its built-in broker (on, loopback, anonymous) and its simulated plant. */
    private static final List<String> DEMO_EXTRAS = List.of("broker.json", "simulation.json");

    /** The data folder this process uses. */
    public static PeresvetHome current() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new PeresvetHome(Path.of(prop.strip()));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new PeresvetHome(Path.of(env.strip()));
        }
        return new PeresvetHome(Path.of(System.getProperty("user.home"), ".peresvet"));
    }

    public Path projects() {
        return dir.resolve("projects");
    }

    /**
     * The user's copy of the demo.
     *
     * @param logins the demo's users with their passwords when this call created the copy (show
     *               them once), else empty
     */
    public record Demo(Path dir, List<DemoUsers.Login> logins) {
        public Demo {
            logins = List.copyOf(logins);
        }
    }

    /**
     * The demo project's folder. On first use it receives the bundled seed as {@code project.json},
     * which {@link Engine#open} imports.
     *
     * @throws StoreException when the folder cannot be created or the seed is missing
     */
    public Path defaultProject() {
        return demo().dir();
    }

    /**
     * The demo, copied on first use: the bundled seed as {@code project.json} (which
     * {@link Engine#open} imports) and its users ({@link DemoUsers}), created before the seed is in
     * place, so a folder with a seed always has them.
     *
     * @throws StoreException when the folder cannot be created or the seed is missing
     */
    public Demo demo() {
        Path project = projects().resolve(DEMO);
        ProjectFolder folder = new ProjectFolder(project);
        if (folder.hasModel() || Files.exists(folder.seed())) {
            return new Demo(project, List.of());
        }
        List<DemoUsers.Login> logins;
        try (InputStream seed = Engine.exampleSeed(DEMO)) {
            if (seed == null) {
                throw new StoreException("the bundled example '" + DEMO + "' is missing from this build");
            }
            Files.createDirectories(project);
            logins = DemoUsers.create(project);
            // Copy beside the target and move, so a second process never sees half a seed.
            Path tmp = Files.createTempFile(project, "project", ".json.tmp");
            try {
                // The demo's built-in broker and simulated plant come first, so the seed is complete when it appears.
                for (String extra : DEMO_EXTRAS) {
                    try (InputStream in = Engine.class.getResourceAsStream("/org/peresvet/examples/" + DEMO + "/" + extra)) {
                        if (in != null) {
                            Files.copy(in, project.resolve(extra), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                Files.copy(seed, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, folder.seed(), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the demo project in " + project + ": " + e.getMessage(), e);
        }
        return new Demo(project, logins);
    }
}
