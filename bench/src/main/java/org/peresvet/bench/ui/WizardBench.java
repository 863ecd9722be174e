package org.peresvet.bench.ui;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.app.project.EngineProject;
import org.peresvet.app.wizard.AlarmRow;
import org.peresvet.app.wizard.EntityRow;
import org.peresvet.app.wizard.Proposals;
import org.peresvet.app.wizard.WizardPlan;
import org.peresvet.broker.BrokerConfig;
import org.peresvet.connector.mqtt.MqttLink;
import org.peresvet.connector.mqtt.MqttSettings;
import org.peresvet.connector.mqtt.discovery.BoardDiscovery;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.engine.Engine;
import org.peresvet.engine.EngineOptions;
import org.peresvet.model.Actor;

/**
 * Figures of the connector wizard (issue 19), on the project's built-in broker: 50 boards × 10
 * entities (Home Assistant discovery, retained, as ESPHome publishes them) are listed complete
 * in under 2 s after the scan connects; Finish with all of them — 500 tags and 100 alarms
 * (communication loss and a temperature limit per board), proposals, plan and the one undoable
 * edit — in under 1 s. Options: {@code --boards=50 --entities=10}.
 */
public final class WizardBench {
    private WizardBench() {
    }

    public static void main(String[] args) throws Exception {
        int boards = (int) arg(args, "boards", 50);
        int entities = (int) arg(args, "entities", 10);
        System.out.printf("wizard: %d boards x %d entities, load average at start %s%n", boards, entities, load());
        Path dir = Files.createTempDirectory("wizard-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path project = Files.createDirectories(dir.resolve("project"));
        BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withUser("board", "board-pw".toCharArray()).save(project);
        boolean pass;
        try (Engine engine = Engine.open(project, EngineOptions.quiet()).start()) {
            String url = "tcp://127.0.0.1:" + port;
            try (MqttLink dev = new MqttLink("bench-boards", MqttSettings.of(url).withCredentials("board", "board-pw"), new MqttLink.Listener() {
                @Override
                public void stateChanged(MqttLink.State state, String reason) {
                }

                @Override
                public void message(String topic, byte[] payload, boolean retained) {
                }
            })) {
                dev.start();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (dev.state() != MqttLink.State.CONNECTED && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                for (int b = 0; b < boards; b++) {
                    publishBoard(dev, b, entities);
                }
            }
            MqttSettings engineSide = engine.brokers().builtInSettings().orElseThrow();
            long t0 = System.nanoTime();
            List<DiscoveredBoard> list;
            try (BoardDiscovery d = engine.brokers().discoverBoards(engineSide)) {
                long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
                while (!complete(d.snapshot(), boards, entities) && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                list = d.snapshot();
            }
            double listed = (System.nanoTime() - t0) / 1e9;
            boolean complete = complete(list, boards, entities);
            System.out.printf(Locale.ROOT, "wizard: board list %s in %.3f s (%d boards, %d entities)%n", complete ? "complete" : "INCOMPLETE",
                    listed, list.size(), list.stream().mapToInt(x -> x.entities().size()).sum());

            EngineProject ctx = new EngineProject(engine, Actor.workstation("bench"));
            ModelEditor editor = new ModelEditor(ModelEditor.Target.of(ctx.model()), Runnable::run, Runnable::run);
            long f0 = System.nanoTime();
            List<EntityRow> rows = Proposals.rows(list, ctx.model().snapshot());
            List<AlarmRow> alarms = Proposals.alarms(rows);
            WizardPlan.Plan plan = WizardPlan.build(ctx.model().snapshot(),
                    new WizardPlan.Source(engineSide.brokerUrl(), engineSide.username(), engineSide.password(), null), rows, Map.of(), alarms);
            editor.apply("bench", plan.edits()).get(60, TimeUnit.SECONDS);
            double finish = (System.nanoTime() - f0) / 1e9;
            System.out.printf(Locale.ROOT, "wizard: Finish with %d tags, %d alarms, %d objects in %.3f s (one undoable edit of %d model edits)%n",
                    engine.model().tagCount(), engine.model().alarmCount(), engine.model().objectCount(), finish, plan.edits().size());
            long u0 = System.nanoTime();
            editor.undo().get(60, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "wizard: Undo in %.3f s, %d tags left; load average now %s%n", (System.nanoTime() - u0) / 1e9,
                    engine.model().tagCount(), load());
            pass = complete && listed < 2 && finish < 1 && plan.tags() == boards * entities && plan.alarms() == 2 * boards;
            System.out.printf(Locale.ROOT, "wizard: %s (list < 2 s: %.3f s; finish < 1 s: %.3f s)%n", pass ? "PASS" : "FAIL", listed, finish);
        }
        System.exit(pass ? 0 : 1);
    }

    private static boolean complete(List<DiscoveredBoard> list, int boards, int entities) {
        return list.size() == boards && list.stream().allMatch(b -> b.entities().size() == entities && Boolean.TRUE.equals(b.online()));
    }

    /** A board as ESPHome announces it: one retained config per entity, its status online. */
    private static void publishBoard(MqttLink dev, int b, int entities) throws Exception {
        String node = "board-" + b;
        String mac = String.format(Locale.ROOT, "a0b0c0%06x", b);
        for (int e = 0; e < entities; e++) {
            String component = e == 1 ? "switch" : "sensor";
            String obj = e == 0 ? "temperature" : e == 1 ? "relay" : "value_" + e;
            StringBuilder c = new StringBuilder("{\"name\":\"").append(obj).append("\",\"stat_t\":\"").append(node).append('/')
                    .append(component).append('/').append(obj).append("/state\",\"avty_t\":\"").append(node)
                    .append("/status\",\"uniq_id\":\"").append(mac).append(component).append(obj).append('"');
            if (e == 0) {
                c.append(",\"unit_of_meas\":\"°C\",\"dev_cla\":\"temperature\"");
            }
            if (e == 1) {
                c.append(",\"cmd_t\":\"").append(node).append("/switch/relay/command\"");
            }
            c.append(",\"dev\":{\"ids\":\"").append(mac).append("\",\"name\":\"").append(node)
                    .append("\",\"sw\":\"esphome v2024.6.0\",\"mdl\":\"esp32dev\"},\"o\":{\"name\":\"ESPHome\"}}");
            dev.publish("homeassistant/" + component + "/" + node + "/" + obj + "/config", c.toString().getBytes(StandardCharsets.UTF_8),
                    1, true).get(30, TimeUnit.SECONDS);
        }
        dev.publish(node + "/status", "online".getBytes(StandardCharsets.UTF_8), 1, true).get(30, TimeUnit.SECONDS);
    }

    static long arg(String[] args, String name, long def) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return Long.parseLong(a.substring(name.length() + 3));
            }
        }
        return def;
    }

    static String load() {
        return String.format(Locale.ROOT, "%.2f on %d cores", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }
}
