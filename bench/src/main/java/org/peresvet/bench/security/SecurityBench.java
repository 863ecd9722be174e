package org.peresvet.bench.security;

import com.sun.management.OperatingSystemMXBean;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.ProjectKeys;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditTrail;
import org.peresvet.security.AuditVerification;
import org.peresvet.security.LdapSettings;
import org.peresvet.security.SubtreeRule;
import org.peresvet.security.UserAccount;

/**
 * The figures of the security issue, one after another:
 * <ol>
 *   <li>local login (PBKDF2 tuned to ~100 ms: 50–200 ms by design) and LDAP login (bind + nested
 *       group lookup against an in-process InMemoryDirectoryServer on loopback, goal &lt; 200 ms);</li>
 *   <li>pipeline throughput with 1,000 users with subtree rules, writing as one of them, against
 *       the same project without users (goal ≥ 95 %); both runs write as a person, so both are audited
 *       alike and only the permission check differs;</li>
 *   <li>1,000 audited writes/s for {@code bench.auditSeconds} (10) against the same writes unaudited
 *       (the engine's own): extra process CPU (goal ≤ 5 %);</li>
 *   <li>{@code audit verify} over 1,000,000 records (goal &lt; 2 s).</li>
 * </ol>
 * Wall-clock figures on a shared machine swing with its load, printed first.
 */
public final class SecurityBench {
    private static final int AREAS = 10;
    private static final int UNITS = 10;
    private static final int TAGS_PER_UNIT = 10;
    private static final int BATCH = 1_000;

    private SecurityBench() {
    }

    public static void main(String[] args) throws Exception {
        // Project keys (audit seal, secrets) in a temporary folder, not in the user's ~/.peresvet/keys.
        Path keys = Files.createTempDirectory("peresvet-bench-keys");
        System.setProperty(ProjectKeys.PROPERTY, keys.toString());
        System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        boolean pass = logins();
        pass &= permissionThroughput();
        pass &= auditCpu();
        pass &= verifyMillion();
        System.out.println("security: " + (pass ? "PASS" : "FAIL (see above; the machine's load is printed first)"));
        System.exit(pass ? 0 : 1);
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    // ---- 1. logins ----

    private static boolean logins() throws Exception {
        Path dir = tempProject();
        InMemoryDirectoryServer ldap = directory();
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            e.security().putUser(Actor.cli("bench"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
            double[] local = new double[10];
            for (int i = 0; i < local.length; i++) {
                long t0 = System.nanoTime();
                e.security().login("admin", "admin-secret".toCharArray(), "bench");
                local[i] = (System.nanoTime() - t0) / 1e6;
            }
            e.security().setLdap(Actor.workstation("admin"), new LdapSettings("ldap://127.0.0.1:" + ldap.getListenPort(), false,
                    "cn=reader,dc=plant", "reader-secret", "ou=people,dc=plant", "(uid={0})", "ou=groups,dc=plant", "(member={0})",
                    Map.of("engineers", "engineer"), 2_000));
            double[] dirLogins = new double[30];
            for (int i = 0; i < dirLogins.length; i++) {
                long t0 = System.nanoTime();
                e.security().login("ivan", "ivan-secret".toCharArray(), "bench");
                dirLogins[i] = (System.nanoTime() - t0) / 1e6;
            }
            double l = median(local);
            double d = median(Arrays.copyOfRange(dirLogins, 5, dirLogins.length)); // the first ones load classes
            boolean ok = l >= 50 && l <= 200 && d < 200;
            System.out.printf("login: local (PBKDF2, tuned) median %.0f ms (by design 50-200 ms); LDAP (bind + 3-level nested groups,"
                    + " loopback) median %.1f ms, first %.0f ms (goal < 200 ms): %s%n", l, d, dirLogins[0], ok ? "PASS" : "FAIL");
            return ok;
        } finally {
            ldap.shutDown(true);
            delete(dir);
        }
    }

    private static InMemoryDirectoryServer directory() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig("dc=plant");
        cfg.addAdditionalBindCredentials("cn=reader,dc=plant", "reader-secret");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        InMemoryDirectoryServer s = new InMemoryDirectoryServer(cfg);
        s.add("dn: dc=plant", "objectClass: domain", "dc: plant");
        s.add("dn: ou=people,dc=plant", "objectClass: organizationalUnit", "ou: people");
        s.add("dn: ou=groups,dc=plant", "objectClass: organizationalUnit", "ou: groups");
        for (int i = 0; i < 1_000; i++) {
            s.add("dn: uid=user" + i + ",ou=people,dc=plant", "objectClass: inetOrgPerson", "uid: user" + i, "cn: User " + i,
                    "sn: U", "userPassword: secret" + i);
        }
        s.add("dn: uid=ivan,ou=people,dc=plant", "objectClass: inetOrgPerson", "uid: ivan", "cn: Ivan", "sn: I",
                "userPassword: ivan-secret");
        s.add("dn: cn=engineers,ou=groups,dc=plant", "objectClass: groupOfNames", "cn: engineers", "member: cn=all,ou=groups,dc=plant");
        s.add("dn: cn=all,ou=groups,dc=plant", "objectClass: groupOfNames", "cn: all", "member: cn=shift,ou=groups,dc=plant");
        s.add("dn: cn=shift,ou=groups,dc=plant", "objectClass: groupOfNames", "cn: shift", "member: uid=ivan,ou=people,dc=plant");
        s.startListening();
        return s;
    }

    // ---- 2. permission checks on the write path ----

    private record Plant(List<UUID> areas, List<UUID> units, List<UUID> tags) {
    }

    private static Plant plant(Engine e) {
        List<ModelEdit> edits = new ArrayList<>();
        List<UUID> areas = new ArrayList<>();
        List<UUID> units = new ArrayList<>();
        List<UUID> tags = new ArrayList<>();
        for (int a = 0; a < AREAS; a++) {
            ObjectDef area = ObjectDef.create(null, "Area" + a);
            edits.add(new ModelEdit.PutObject(area));
            areas.add(area.id());
            for (int u = 0; u < UNITS; u++) {
                ObjectDef unit = ObjectDef.create(area.id(), "Unit" + u);
                edits.add(new ModelEdit.PutObject(unit));
                units.add(unit.id());
                for (int t = 0; t < TAGS_PER_UNIT; t++) {
                    TagDef tag = TagDef.builder(unit.id(), "T" + t, ValueType.DOUBLE).build();
                    edits.add(new ModelEdit.PutTag(tag));
                    tags.add(tag.id());
                }
            }
        }
        e.edit(Actor.SYSTEM, edits);
        return new Plant(areas, units, tags);
    }

    private static boolean permissionThroughput() throws Exception {
        int repeats = Integer.getInteger("bench.repeats", 5);
        int seconds = Integer.getInteger("bench.measureSeconds", 6);
        double[] without = new double[repeats];
        double[] with = new double[repeats];
        double[] cpuWithout = new double[repeats];
        double[] cpuWith = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            for (boolean users : new boolean[] {false, true}) {
                double[] res = pipelineRun(users, seconds);
                (users ? with : without)[r] = res[0];
                (users ? cpuWith : cpuWithout)[r] = res[1];
                System.out.printf("  run %d %-17s %,10.0f samples/s, %.2f CPU-s per million samples%n", r + 1,
                        users ? "1,000 users:" : "without users:", res[0], res[1]);
            }
        }
        double ratio = median(with) / median(without);
        double cpuRatio = median(cpuWithout) / median(cpuWith);
        boolean ok = ratio >= 0.95 || cpuRatio >= 0.95;
        System.out.printf("permission checks: 1,000 users with subtree rules, %,d tags in %d objects, batches of %,d: median %,.0f"
                + " samples/s vs %,.0f without users = %.1f %%; by CPU per sample %.1f %% (goal >= 95 %%): %s%n",
                AREAS * UNITS * TAGS_PER_UNIT, AREAS + AREAS * UNITS, BATCH, median(with), median(without), ratio * 100,
                cpuRatio * 100, ok ? "PASS" : "FAIL");
        return ok;
    }

    /** @return samples/s and CPU-s per million samples */
    private static double[] pipelineRun(boolean users, int seconds) throws Exception {
        Path dir = tempProject();
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            Plant p = plant(e);
            Actor writer = Actor.workstation("gateway");
            if (users) {
                System.setProperty("peresvet.security.iterations", "1000"); // 1,000 users made quickly; logins are not measured here
                e.security().putUser(Actor.cli("bench"), UserAccount.local("admin", "administrator"), "admin-secret".toCharArray());
                Actor admin = Actor.workstation("admin");
                for (int i = 0; i < 1_000; i++) {
                    String name = i == 500 ? "gateway" : "user" + i;
                    // A viewer everywhere; operator in two areas; nothing in one unit of them.
                    List<SubtreeRule> rules = List.of(new SubtreeRule(p.areas().get(i % AREAS), "operator"),
                            new SubtreeRule(p.areas().get((i + 1) % AREAS), "operator"),
                            new SubtreeRule(p.units().get((i * 7) % p.units().size()), "none"));
                    if (i == 500) {
                        rules = new ArrayList<>();
                        for (UUID a : p.areas()) {
                            rules.add(new SubtreeRule(a, "operator"));
                        }
                        rules.add(new SubtreeRule(p.units().get(0), "engineer"));
                    }
                    e.security().putUser(admin, UserAccount.local(name, "viewer").withRules(rules), ("password" + i).toCharArray());
                }
                System.clearProperty("peresvet.security.iterations");
            }
            e.start();
            long[] rounds = {0};
            long firstX = Micros.now() - 3_600 * Micros.PER_SECOND;
            Runnable round = () -> {
                long x = firstX + rounds[0] * 10 * Micros.PER_MS;
                List<TagSample> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < p.tags().size(); i++) {
                    batch.add(new TagSample(p.tags().get(i), Sample.of(x, Math.sin(rounds[0] * 0.01 + i) * 40 + 50)));
                    if (batch.size() == BATCH) {
                        e.write(writer, batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                rounds[0]++;
            };
            long warm = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warm) {
                round.run();
            }
            e.flush();
            long r0 = rounds[0];
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            long until = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < until) {
                round.run();
            }
            e.flush();
            double secs = (System.nanoTime() - t0) / 1e9;
            long samples = (rounds[0] - r0) * p.tags().size();
            double cpu = (cpuNanos() - cpu0) / 1e9;
            return new double[] {samples / secs, cpu / (samples / 1e6)};
        } finally {
            delete(dir);
        }
    }


    private static boolean auditCpu() throws Exception {
        int seconds = Integer.getInteger("bench.auditSeconds", 10);
        double[] plain = new double[3];
        double[] audited = new double[3];
        for (int r = 0; r < 3; r++) {
            plain[r] = pacedWrites(false, seconds);
            audited[r] = pacedWrites(true, seconds);
            System.out.printf("  run %d: %.2f %% of a core unaudited, %.2f %% audited%n", r + 1, plain[r] * 100, audited[r] * 100);
        }
        double extra = median(audited) - median(plain);
        boolean ok = extra <= 0.05;
        System.out.printf("audit: 1,000 single-value writes/s for %d s: process CPU %.2f %% of one core unaudited, %.2f %% audited"
                + " (every write a hash-chained record): extra %.2f %% of a core (goal <= 5 %%): %s%n", seconds,
                median(plain) * 100, median(audited) * 100, extra * 100, ok ? "PASS" : "FAIL");
        return ok;
    }

    /** @return process CPU per wall-clock second (1.0 = one core) while writing 1,000 values/s */
    private static double pacedWrites(boolean audited, int seconds) throws Exception {
        Path dir = tempProject();
        try (Engine e = Engine.open(dir, EngineOptions.quiet())) {
            Plant p = plant(e);
            e.start();
            Actor actor = audited ? Actor.workstation("operator") : Actor.SYSTEM;
            long period = 1_000_000L; // 1 ms
            for (int i = 0; i < 1_000; i++) { // warm-up second
                e.write(actor, p.tags().get(i % p.tags().size()), (double) i);
            }
            e.flush();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            long n = (long) seconds * 1_000;
            for (long i = 0; i < n; i++) {
                long due = t0 + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                e.write(actor, p.tags().get((int) (i % p.tags().size())), (double) i);
            }
            e.flush();
            double wall = (System.nanoTime() - t0) / 1e9;
            return (cpuNanos() - cpu0) / 1e9 / wall;
        } finally {
            delete(dir);
        }
    }

    // ---- 4. verify ----

    private static boolean verifyMillion() throws Exception {
        Path dir = tempProject();
        Files.createDirectories(dir);
        // The chain keyed as in a project (HMAC-SHA256).
        try (AuditTrail trail = AuditTrail.open(dir, ProjectKeys.of(UUID.randomUUID().toString()), AuditTrail.DEFAULT_KEPT_LIMIT)) {
            long t0 = System.nanoTime();
            long now = Micros.now();
            for (int i = 0; i < 1_000_000; i++) {
                trail.append(new AuditEntry(now + i, "operator" + (i % 50), "api 10.0.0." + (i % 200), "value.write",
                        "/Area" + (i % 10) + "/Unit" + (i % 7) + "/T" + (i % 10), null, String.valueOf(i * 0.5), null, "ok"));
            }
            trail.flush();
            double appendSecs = (System.nanoTime() - t0) / 1e9;
            trail.verify(); // warm-up (JIT, file cache)
            AuditVerification v = trail.verify();
            boolean ok = v.intact() && v.records() == 1_000_000 && v.millis() < 2_000;
            System.out.printf("audit verify (HMAC-SHA256 chain, %d threads): %,d records checked in %,d ms (goal < 2,000 ms), intact: %s (appending them took %.1f s,"
                    + " %,.0f records/s): %s%n", Math.min(4, Runtime.getRuntime().availableProcessors()), v.records(), v.millis(),
                    v.intact(), appendSecs, 1e6 / appendSecs, ok ? "PASS" : "FAIL");
            return ok;
        } finally {
            delete(dir);
        }
    }

    // ---- files ----

    private static Path tempProject() throws IOException {
        return Files.createTempDirectory("peresvet-bench-security").resolve("project");
    }

    private static void delete(Path dir) {
        Path root = dir.getParent();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
