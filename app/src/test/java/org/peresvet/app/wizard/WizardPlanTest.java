package org.peresvet.app.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.connector.mqtt.discovery.DiscoveredBoard;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** The wizard's proposals and its one edit: units, device class and names reach the tags; a re-run shows what changed. */
class WizardPlanTest {
    private static final WizardPlan.Source SOURCE = new WizardPlan.Source("tcp://127.0.0.1:1883", "peresvet", "pw", null);

    static DiscoveredEntity entity(String key, String component, String name, String unit, String deviceClass, Double min,
                                   Double max, boolean command) {
        String node = key.split("/")[1];
        String obj = key.substring(key.lastIndexOf('/') + 1);
        return new DiscoveredEntity(key, component, name, node + "_" + obj, node + "/" + component + "/" + obj + "/state",
                command ? node + "/" + component + "/" + obj + "/command" : null, null, null, unit, deviceClass, min, max, null,
                null, null);
    }

    static DiscoveredBoard board(List<DiscoveredEntity> entities) {
        return new DiscoveredBoard("a0b1c2d3e4f5", "pump-board-1", "esp32dev", "esphome v2024.6", "Espressif", "esphome",
                "pump-board-1", "pump-board-1/status", true, entities);
    }

    @Test
    void proposalsCarryUnitsAndClassesAndFinishIsOneEditWithAlarms() {
        List<DiscoveredEntity> es = new ArrayList<>(List.of(
                entity("sensor/pump-board-1/water_temp", "sensor", "Water temperature", "°C", "temperature", null, null, false),
                entity("switch/pump-board-1/pump", "switch", "Pump", null, null, null, null, true),
                entity("number/pump-board-1/setpoint", "number", "Level setpoint", "%", null, 10.0, 90.0, true),
                entity("light/pump-board-1/led", "light", "Status LED", null, null, null, null, true)));
        DiscoveredBoard b = board(es);
        List<EntityRow> rows = Proposals.rows(List.of(b), ModelSnapshot.empty());
        assertThat(rows).hasSize(4);
        EntityRow temp = rows.get(0);
        assertThat(temp.tagName()).isEqualTo("Water temperature");
        assertThat(temp.units()).isEqualTo("°C");
        assertThat(temp.deadband()).isEqualTo(0.1);
        assertThat(temp.writable()).isFalse();
        assertThat(rows.get(1).type()).isEqualTo(ValueType.BOOL);
        assertThat(rows.get(1).writable()).isTrue();
        assertThat(rows.get(3).unsupported()).contains("light is not supported");
        assertThat(rows.get(3).include()).isFalse();
        List<AlarmRow> alarms = Proposals.alarms(rows);
        assertThat(alarms).extracting(AlarmRow::kind).containsExactlyInAnyOrder(AlarmKind.BAD_QUALITY, AlarmKind.HI, AlarmKind.HI,
                AlarmKind.LO);
        alarms.stream().filter(a -> a.kind() == AlarmKind.LO).forEach(a -> a.include(false));   // the user unticks one

        WizardPlan.Plan plan = WizardPlan.build(ModelSnapshot.empty(), SOURCE, rows,
                Map.of(b.id(), WizardPlan.Target.newObject(null, "Pump station", WizardPlan.Template.PUMP)), alarms);
        assertThat(plan.connectors()).isEqualTo(1);
        assertThat(plan.objects()).isEqualTo(1);
        assertThat(plan.tags()).as("3 bound + the pump's 6 standard tags").isEqualTo(9);
        assertThat(plan.alarms()).isEqualTo(3);
        ModelSnapshot m = ModelSnapshot.empty().apply(plan.edits()).snapshot();
        TagDef t = m.findTag("Pump station/Water temperature").orElseThrow();
        assertThat(t.units()).isEqualTo("°C");
        assertThat(t.description()).contains("temperature");
        assertThat(t.sourceConfig()).contains("\"address\":\"sensor/pump-board-1/water_temp\"").doesNotContain("command");
        assertThat(m.findTag("Pump station/Pump").orElseThrow().sourceConfig()).contains("\"command\":\"auto\"");
        assertThat(m.connectors()).singleElement().satisfies(c -> assertThat(c.config()).contains("\"profile\":\"homeassistant\""));
        assertThat(m.alarmsOf(t.id())).extracting(a -> a.kind() + "@" + a.limit()).containsExactlyInAnyOrder("BAD_QUALITY@null", "HI@60.0");
        assertThat(plan.lines()).anyMatch(l -> l.startsWith("+ object Pump station [Pump]"));

        // re-run: a new entity, a changed unit, a vanished one; the rest is as it was
        es.set(0, entity("sensor/pump-board-1/water_temp", "sensor", "Water temperature", "°F", "temperature", null, null, false));
        es.remove(1);
        es.add(entity("sensor/pump-board-1/pressure", "sensor", "Pressure", "bar", "pressure", null, null, false));
        List<EntityRow> again = Proposals.rows(List.of(board(es)), m);
        assertThat(again).extracting(r -> r.entity().key() + "=" + r.status()).containsExactlyInAnyOrder(
                "sensor/pump-board-1/water_temp=CHANGED", "number/pump-board-1/setpoint=UNCHANGED", "light/pump-board-1/led=NEW",
                "sensor/pump-board-1/pressure=NEW", "switch/pump-board-1/pump=VANISHED");
        again.stream().filter(r -> r.status() == EntityRow.Status.VANISHED).forEach(r -> r.include(true));
        WizardPlan.Plan second = WizardPlan.build(m, SOURCE, again, Map.of(board(es).id(),
                WizardPlan.Target.existing(m.findObject("Pump station").orElseThrow().id())), List.of());
        assertThat(second.connectors()).as("the connector is reused").isZero();
        ModelSnapshot m2 = m.apply(second.edits()).snapshot();
        assertThat(m2.findTag("Pump station/Water temperature").orElseThrow().units()).isEqualTo("°F");
        assertThat(m2.findTag("Pump station/Pressure")).isPresent();
        assertThat(m2.findTag("Pump station/Pump")).isEmpty();
    }

    @Test
    void tasmotaBoardsGetTheirOwnConnectorAndJsonPaths() {
        DiscoveredBoard t = new DiscoveredBoard("AABBCC", "Well pump", "ESP32", "Tasmota 14.1", "Tasmota", "tasmota", "well-pump",
                "tele/well-pump/LWT", true, List.of(
                new DiscoveredEntity("switch/POWER", "switch", "Pump", "AABBCC_RL_1", "stat/well-pump/POWER", "cmnd/well-pump/POWER",
                        null, null, null, null, null, null, null, "ON", "OFF"),
                new DiscoveredEntity("sensor/ENERGY.Current", "sensor", "ENERGY.Current", "AABBCC_ENERGY.Current",
                        "tele/well-pump/SENSOR", null, "$.ENERGY.Current", null, "A", null, null, null, null, null, null)));
        List<EntityRow> rows = Proposals.rows(List.of(t), ModelSnapshot.empty());
        WizardPlan.Plan plan = WizardPlan.build(ModelSnapshot.empty(), SOURCE, rows, Map.of(), Proposals.alarms(rows));
        ModelSnapshot m = ModelSnapshot.empty().apply(plan.edits()).snapshot();
        assertThat(m.connectors()).singleElement().satisfies(c -> assertThat(c.config()).contains("\"device\":\"well-pump\"")
                .contains("\"profile\":\"tasmota\""));
        assertThat(m.findTag("Well pump/ENERGY_Current").orElseThrow().sourceConfig()).contains("\"json\":\"$.ENERGY.Current\"");
        assertThat(m.findTag("Well pump/Pump").orElseThrow().sourceConfig()).contains("\"command\":\"POWER\"");
        assertThat(Proposals.rows(List.of(t), m)).allMatch(r -> r.status() == EntityRow.Status.UNCHANGED);
    }

    /** Per-entity targets and templates: a pump's entities fill its standard tags; one entity goes to an existing object. */
    @Test
    void templatesAddStandardTagsAndEntitiesMapOntoThem() {
        ModelSnapshot start = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(
                new ObjectDef(UUID.randomUUID(), null, "Site", "")))).snapshot();
        UUID site = start.findObject("Site").orElseThrow().id();
        DiscoveredBoard b = board(List.of(
                entity("switch/pump-board-1/pump", "switch", "Pump", null, null, null, null, true),
                entity("sensor/pump-board-1/motor_current", "sensor", "Motor Current", "A", "current", null, null, false),
                entity("binary_sensor/pump-board-1/overload", "binary_sensor", "Overload", null, "problem", null, null, false),
                entity("sensor/pump-board-1/wifi", "sensor", "WiFi Signal", "dBm", "signal_strength", null, null, false)));
        List<EntityRow> rows = Proposals.rows(List.of(b), start);
        WizardPlan.Target pump = WizardPlan.Target.newObject(site, "Pump 1", WizardPlan.Template.PUMP);
        Templates.mapOnto(WizardPlan.Template.PUMP, rows);
        assertThat(rows).extracting(EntityRow::tagName).containsExactly("Command", "Current", "Fault", "WiFi Signal");
        rows.get(3).target(WizardPlan.Target.existing(site));   // the board's Wi-Fi goes to the site, not the pump

        WizardPlan.Plan plan = WizardPlan.build(start, SOURCE, rows, Map.of(b.id(), pump), List.of());
        ModelSnapshot m = start.apply(plan.edits()).snapshot();
        assertThat(m.findTag("Site/Pump 1/Command").orElseThrow().sourceConfig()).contains("\"address\":\"switch/pump-board-1/pump\"")
                .contains("\"command\":\"auto\"");
        assertThat(m.findTag("Site/Pump 1/Current").orElseThrow().sourceConfig()).contains("motor_current");
        assertThat(m.findTag("Site/Pump 1/Fault").orElseThrow().source()).isEqualTo(SourceKind.CONNECTOR);
        assertThat(m.findTag("Site/Pump 1/Running").orElseThrow().source()).as("a standard tag no entity fills").isEqualTo(SourceKind.MANUAL);
        assertThat(m.findTag("Site/Pump 1/Auto")).isPresent();
        assertThat(m.findTag("Site/Pump 1/Pressure").orElseThrow().units()).isEqualTo("bar");
        assertThat(m.findTag("Site/WiFi Signal")).isPresent();
        assertThat(m.tagsOf(m.findObject("Site/Pump 1").orElseThrow().id())).hasSize(6);
        assertThat(plan.objects()).isEqualTo(1);

        // a tank and a valve have their own standard tags
        assertThat(Templates.standardTags(WizardPlan.Template.TANK)).extracting(Templates.Standard::name).contains("Level", "High", "Low");
        assertThat(Templates.standardTags(WizardPlan.Template.VALVE)).extracting(Templates.Standard::name).contains("Open", "Closed", "Command");
        assertThat(Templates.slotOf(WizardPlan.Template.TANK,
                entity("sensor/b/tank_level", "sensor", "Tank Level", "%", "volume_storage", null, null, false))).isEqualTo("Level");
        // back to Generic: the proposed names return
        Templates.mapOnto(WizardPlan.Template.GENERIC, rows);
        assertThat(rows).extracting(EntityRow::tagName).containsExactly("Pump", "Motor Current", "Overload", "WiFi Signal");
    }
}
