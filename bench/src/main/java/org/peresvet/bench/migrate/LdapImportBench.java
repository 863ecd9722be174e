package org.peresvet.bench.migrate;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.engine.LdapMigration;
import org.peresvet.migrate.ldap.ImportOptions;
import org.peresvet.migrate.ldap.ImportPlan;
import org.peresvet.migrate.ldap.LdapDirectoryReader;
import org.peresvet.migrate.ldap.LdifDirectoryReader;
import org.peresvet.migrate.ldap.PeresvetDirectory;
import org.peresvet.migrate.ldap.PeresvetDirectoryGenerator;
import org.peresvet.migrate.ldap.PeresvetLdapServer;
import org.peresvet.model.Actor;

/**
 * Issue 22's figure: a 10,000-tag Peresvet directory (generated: stations, units, tags with their
 * system nodes, connector and storage links with aliases, alerts, methods) imports into an open
 * project in under 5 s, from an LDIF file and from a live LDAP server in process (UnboundID's
 * InMemoryDirectoryServer on loopback). Timed: reading the directory, planning the edit (every
 * model check included) and applying it (stored in the project file). Not timed: opening the
 * project and loading the server. Options: {@code --tags=10000 --target-ms=5000}.
 */
public final class LdapImportBench {
    private LdapImportBench() {
    }

    public static void main(String[] args) throws Exception {
        int tags = (int) arg(args, "tags", 10_000);
        long target = arg(args, "target-ms", 5_000);
        System.out.printf("ldap-import: machine load average at start: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        byte[] ldif = PeresvetDirectoryGenerator.generate(tags);
        Path tmp = Files.createTempDirectory("ldap-bench");
        try {
            Path file = tmp.resolve("prs.ldif");
            Files.write(file, ldif);
            System.out.printf("ldap-import: %s tags, %s entries, %.1f MiB of LDIF%n", fmt(tags),
                    fmt(LdifDirectoryReader.read(ldif, "warm-up", "cn=prs").size()), ldif.length / 1048576.0);
            // Warm-up: the first import loads and compiles the classes; the figure is the second.
            run(tmp.resolve("warm"), () -> LdifDirectoryReader.read(file, "cn=prs"), "warm-up");
            long fromFile = run(tmp.resolve("file"), () -> LdifDirectoryReader.read(file, "cn=prs"), "from LDIF");
            long overLdap;
            try (PeresvetLdapServer server = new PeresvetLdapServer().load(ldif)) {
                overLdap = run(tmp.resolve("live"), () -> LdapDirectoryReader.read(new LdapDirectoryReader.Source(server.url(),
                        "cn=prs", PeresvetLdapServer.ADMIN, PeresvetLdapServer.PASSWORD.toCharArray())), "over LDAP");
            }
            boolean ok = fromFile < target && overLdap < target;
            System.out.printf("ldap-import: %s (from LDIF %d ms, over LDAP %d ms; target < %d ms each)%n",
                    ok ? "PASS" : "FAIL", fromFile, overLdap, target);
            System.exit(ok ? 0 : 1);
        } finally {
            try (Stream<Path> all = Files.walk(tmp)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    interface Reader {
        PeresvetDirectory read() throws Exception;
    }

    /** One import into a fresh project; returns the milliseconds of read + plan + apply. */
    private static long run(Path project, Reader reader, String label) throws Exception {
        try (Engine engine = Engine.open(project, EngineOptions.quiet())) {
            long t0 = System.nanoTime();
            PeresvetDirectory dir = reader.read();
            long t1 = System.nanoTime();
            ImportPlan plan = LdapMigration.plan(engine, dir, ImportOptions.defaults());
            long t2 = System.nanoTime();
            LdapMigration.apply(engine, plan, Actor.SYSTEM);
            long t3 = System.nanoTime();
            long total = (t3 - t0) / 1_000_000;
            System.out.printf(Locale.ROOT, "ldap-import: %-9s %5d ms (read %d ms, plan %d ms, apply %d ms): %s%n", label, total,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, plan.report().summary());
            return total;
        }
    }

    static long arg(String[] args, String name, long dflt) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Long.parseLong(a.substring(name.length() + 3));
            }
        }
        return dflt;
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
