package org.peresvet.migrate.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Names;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ScheduleDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** The mapping of the platform's model, on the reference's example and on a messy export. */
class LdapImportTest {
    private static final UUID STATION = UUID.fromString("5a1e0010-7c2d-103f-9d10-0b2c4e6f8a13");
    private static final UUID FLOW1 = UUID.fromString("5a1e0007-7c2d-103f-9d10-0b2c4e6f8a13");
    private static final UUID TOTAL = UUID.fromString("5a1e000b-7c2d-103f-9d10-0b2c4e6f8a13");
    private static final UUID PLC = UUID.fromString("5a1e002a-7c2d-103f-9d10-0b2c4e6f8a13");

    static PeresvetDirectory read(byte[] ldif) {
        return LdifDirectoryReader.read(ldif, "test.ldif", "cn=prs");
    }

    static ImportPlan plan(ModelSnapshot into, byte[] ldif) {
        return LdapImport.plan(into, read(ldif), ImportOptions.defaults());
    }

    static byte[] boilerHouse() {
        try (InputStream in = LdapImportTest.class.getResourceAsStream("boiler-house.ldif")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theExampleComesAcrossWithItsIdsNestingTagsAlarmScheduleConnectorAndMethod() {
        ImportPlan plan = plan(ModelSnapshot.empty(), PeresvetExamples.pumpStation());
        ModelSnapshot m = plan.preview();
        // Nesting kept, entryUUID is the id, the base64 Cyrillic description decoded.
        ObjectDef station = m.object(STATION);
        assertThat(station.name()).isEqualTo("PumpStation1");
        assertThat(station.parentId()).isNull();
        assertThat(station.description()).isEqualTo("Насосная станция №1");
        assertThat(m.childObjects(STATION)).extracting(ObjectDef::name).containsExactly("Pump1", "Pump2");
        // Tags: value type codes, units, step, update, dead band from base64 "0.02".
        TagDef pressure = m.findTag("/PumpStation1/OutletPressure").orElseThrow();
        assertThat(pressure.id()).isEqualTo(UUID.fromString("5a1e0012-7c2d-103f-9d10-0b2c4e6f8a13"));
        assertThat(pressure.type()).isEqualTo(ValueType.DOUBLE);
        assertThat(pressure.units()).isEqualTo("bar");
        assertThat(pressure.deadband()).isEqualTo(0.02);
        assertThat(pressure.update()).isTrue();
        TagDef running = m.findTag("/PumpStation1/Pump1/Running").orElseThrow();
        assertThat(running.type()).isEqualTo(ValueType.INT);
        assertThat(running.step()).isTrue();
        assertThat(m.findTag("/PumpStation1/Pump2/State").orElseThrow().type()).isEqualTo(ValueType.STRING);
        // The alert: high=true, value 6.5, autoAck false.
        AlarmDef alarm = m.alarmsOf(pressure.id()).get(0);
        assertThat(alarm.name()).isEqualTo("PressureHigh");
        assertThat(alarm.kind()).isEqualTo(AlarmKind.HI);
        assertThat(alarm.limit()).isEqualTo(6.5);
        assertThat(alarm.autoAck()).isFalse();
        assertThat(alarm.message()).isEqualTo("Outlet pressure high");
        // The schedule: every minute from 2025-01-01 00:00+03:00.
        ScheduleDef every = m.schedule(UUID.fromString("5a1e000a-7c2d-103f-9d10-0b2c4e6f8a13"));
        assertThat(every.every()).isEqualTo(1);
        assertThat(every.unit()).isEqualTo(ScheduleDef.Unit.MINUTES);
        assertThat(every.start()).isEqualTo(Instant.parse("2024-12-31T21:00:00Z").getEpochSecond() * 1_000_000L);
        assertThat(every.end()).isNull();
        // The connector keeps its id (external connectors address it by it) and links become bindings.
        ConnectorDef plc = m.connector(PLC);
        assertThat(plc.kind()).isEqualTo("mqtt");
        assertThat(plc.configJson().path("profile").asText()).isEqualTo("peresvet");
        assertThat(plc.configJson().path("peresvetId").asText()).isEqualTo(PLC.toString());
        TagDef flow1 = m.tag(FLOW1);
        assertThat(flow1.source()).isEqualTo(SourceKind.CONNECTOR);
        assertThat(ConnectorDef.boundConnector(flow1)).isEqualTo(PLC);
        assertThat(flow1.sourceConfig()).contains("\"address\":\"{\\\"unit\\\":1,\\\"register\\\":30001,\\\"type\\\":\\\"float32\\\"}\"")
                .contains("\"maxDev\":0.5").contains("\"frequency\":1");
        assertThat(m.tagsBoundTo(PLC)).hasSize(3);
        // The method: initiators (two tags and the schedule), parameters by entryUUID in prsIndex order.
        MethodDef sum = m.method(UUID.fromString("5a1e0017-7c2d-103f-9d10-0b2c4e6f8a13"));
        assertThat(sum.kind()).isEqualTo(MethodDef.Kind.PROGRAM);
        assertThat(sum.program()).isEqualTo("sum_flows");
        assertThat(sum.target()).isEqualTo("/PumpStation1/TotalFlow");
        assertThat(sum.initiators()).containsExactly(MethodDef.Initiator.tag("/PumpStation1/Pump1/Flow", null),
                MethodDef.Initiator.tag("/PumpStation1/Pump2/Flow", null), MethodDef.Initiator.schedule(every.id()));
        assertThat(sum.parameters()).containsEntry("flow1", "{/PumpStation1/Pump1/Flow}")
                .containsEntry("flow2", "{/PumpStation1/Pump2/Flow}").hasSize(2);
        // Every one of the 52 entries is accounted for: imported, a helper, or in the report.
        ImportReport r = plan.report();
        assertThat(r.entries()).isEqualTo(52);
        assertThat(r.helpers()).isEqualTo(32);
        assertThat(r.summary()).isEqualTo("objects 3 added, tags 6 added, alarms 1 added, schedules 1 added, "
                + "methods 1 added, connectors 1 added, connector links 3 added; 1 skipped, 4 changed, 0 unresolved, 0 conflicts");
        assertThat(r.items(ImportReport.Action.SKIPPED)).singleElement().satisfies(i -> {
            assertThat(i.where()).isEqualTo("cn=psql,cn=dataStorages,cn=prs (line 37)");
            assertThat(i.reason()).startsWith("a PostgreSQL storage is not imported (with its 1 tag link(s), 0 alert link(s))");
        });
        assertThat(r.items(ImportReport.Action.CHANGED)).extracting(ImportReport.Item::what)
                .containsExactly("object PumpStation1", "alert PressureHigh of tag OutletPressure", "connector PLC-1",
                        "method SumFlows of tag /PumpStation1/TotalFlow");
        assertThat(plan.exportTargets()).isEmpty();
    }

    @Test
    void aMethodOfAnAggregateOverCurrentValuesBecomesACalculatedTag() {
        String ldif = PeresvetExamples.pumpStationText().replace("prsMethodAddress: sum_flows", "prsMethodAddress: sum")
                // without the schedule initiator: the formula runs on changes of its inputs
                .replaceAll("(?s)dn: cn=5a1e000a-7c2d-103f-9d10-0b2c4e6f8a13,cn=initiatedBy.*?\\n\\n", "");
        ImportPlan plan = plan(ModelSnapshot.empty(), ldif.getBytes(StandardCharsets.UTF_8));
        TagDef total = plan.preview().tag(TOTAL);
        assertThat(total.formula()).isEqualTo("sum({/PumpStation1/Pump1/Flow}, {/PumpStation1/Pump2/Flow})");
        assertThat(total.trigger()).isEqualTo(CalcTrigger.CHANGE);
        assertThat(plan.preview().methods()).isEmpty();
        assertThat(plan.report().items(ImportReport.Action.CHANGED)).extracting(ImportReport.Item::reason)
                .contains("tag /PumpStation1/TotalFlow becomes a calculated tag: sum({/PumpStation1/Pump1/Flow}, {/PumpStation1/Pump2/Flow})");
    }

    @Test
    void anExportWithoutEntryUuidResolvesThroughLinksAndAliasesAndListsWhatItCannot() {
        ImportPlan plan = plan(ModelSnapshot.empty(), PeresvetExamples.withoutEntryUuid());
        ModelSnapshot m = plan.preview();
        // The links' names carry the tags' platform ids, found through their aliases.
        assertThat(m.tag(FLOW1)).isNotNull();
        assertThat(m.tag(TOTAL).name()).isEqualTo("TotalFlow");
        // Ids of the rest come from their DNs: the same on every import of the same export.
        ImportPlan again = plan(ModelSnapshot.empty(), PeresvetExamples.withoutEntryUuid());
        assertThat(again.edits()).isEqualTo(plan.edits());
        assertThat(m.findObject("/PumpStation1").orElseThrow().id()).isNotEqualTo(STATION);
        // The schedule initiator names the schedule by its UUID, which this export does not carry.
        MethodDef sum = m.methods().iterator().next();
        assertThat(sum.initiators()).extracting(MethodDef.Initiator::type).containsOnly(MethodDef.Initiator.Type.TAG).hasSize(2);
        assertThat(sum.parameters()).hasSize(2);
        ImportReport r = plan.report();
        assertThat(r.items(ImportReport.Action.UNRESOLVED)).singleElement().satisfies(i -> {
            assertThat(i.where()).startsWith("cn=5a1e000a-7c2d-103f-9d10-0b2c4e6f8a13,cn=initiatedBy");
            assertThat(i.reason()).isEqualTo("initiator 5a1e000a-7c2d-103f-9d10-0b2c4e6f8a13 names no entry of the directory "
                    + "(the export has no entryUUIDs)");
        });
        assertThat(r.items(ImportReport.Action.CHANGED)).extracting(ImportReport.Item::reason)
                .contains("the export has no entryUUID: the id the connector in the field uses is unknown; set peresvetId in the connector's config");
        assertThat(r.notes()).containsExactly(
                "9 imported entries have no entryUUID: their ids are derived from their DNs (importing the same export again updates them)",
                "4 entries without entryUUID take the id their connector or storage link names them by");
    }

    @Test
    void aMessyExportIsImportedWithEveryEntryItCouldNotTakeAsItWasReported() {
        ImportPlan plan = plan(ModelSnapshot.empty(), boilerHouse());
        ModelSnapshot m = plan.preview();
        // Base64 DNs and names, folded base64 description, °C units.
        TagDef t = m.findTag("/Котельная/Температура").orElseThrow();
        assertThat(t.description()).isEqualTo("Температура подачи в котле номер один, измеренная на выходе из котла перед смесителем");
        assertThat(t.units()).isEqualTo("°C");
        assertThat(t.deadband()).isEqualTo(0.5);
        assertThat(t.defaultValue()).isEqualTo(20.0);
        assertThat(t.sourceConfig()).contains("\"maxDev\":0.1").doesNotContain("JSONata");
        assertThat(m.alarmsOf(t.id())).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlarmKind.LO);
            assertThat(a.limit()).isEqualTo(40.0);
        });
        assertThat(m.findTag("/Котельная/In_Out pressure").orElseThrow().deadband()).isZero();
        assertThat(m.findTag("/tags/OutdoorTemp").orElseThrow().type()).isEqualTo(ValueType.JSON);
        assertThat(plan.exportTargets()).containsExactly(new ExportTargetSpec("vm", "http://vm.plant:8428", true));
        ImportReport r = plan.report();
        assertThat(r.items(ImportReport.Action.SKIPPED)).extracting(i -> i.what() + ": " + i.reason()).containsExactlyInAnyOrder(
                "organizationalrole admin: outside the base cn=prs",
                "node Area: a plain container (prsModelNode) outside the platform's layout; what is under it is skipped too",
                "object Hidden: what it belongs to was skipped",
                "alert ModeAlert of tag Mode: the platform's alerts compare numbers; tag Mode is a string",
                "prsconstant Pi: constants have no service in the platform and no counterpart in Peresvet (make a tag with a default value)");
        assertThat(r.items(ImportReport.Action.CHANGED)).extracting(ImportReport.Item::reason).contains(
                "renamed 'In/Out pressure' to 'In_Out pressure' (a name " + Names.invalidReason("In/Out pressure") + ")",
                "dead band prsMaxLineDev -1.0 is negative; taken as 0 (keep every change)",
                "'autoAck' \"yes\" is not true or false; taken as true",
                "the platform's flat tags (under cn=tags) are put in the root object 'tags': a Peresvet tag belongs to an object",
                "inactive in the platform (prsActive FALSE): Peresvet objects have no active flag; its tags keep their own");
        assertThat(r.items(ImportReport.Action.UNRESOLVED)).singleElement().satisfies(i ->
                assertThat(i.reason()).isEqualTo("names no tag of the directory (neither its cn nor its alias resolves)"));
        assertThat(r.entries()).isEqualTo(24);
    }

    @Test
    void intoANonEmptyProjectItemsMergeByIdAndClashesAreReported() {
        ModelSnapshot first = plan(ModelSnapshot.empty(), PeresvetExamples.pumpStation()).preview();
        // The operator changed a tag since, and added an object whose name the directory also uses.
        TagDef pressure = first.findTag("/PumpStation1/OutletPressure").orElseThrow();
        ObjectDef other = ObjectDef.create(null, "Boiler");
        ModelSnapshot project = first.apply(List.of(new ModelEdit.PutTag(pressure.toBuilder().units("kPa").build()),
                new ModelEdit.PutObject(other))).snapshot();
        String ldif = PeresvetExamples.pumpStationText() + "\ndn: cn=Boiler,cn=objects,cn=prs\nobjectClass: prsObject\ncn: Boiler\n"
                + "entryUUID: 5a1e00ff-7c2d-103f-9d10-0b2c4e6f8a13\n";
        ImportPlan plan = plan(project, ldif.getBytes(StandardCharsets.UTF_8));
        ModelSnapshot m = plan.preview();
        assertThat(m.tag(pressure.id()).units()).isEqualTo("bar");
        assertThat(m.object(other.id()).name()).isEqualTo("Boiler");
        assertThat(m.object(UUID.fromString("5a1e00ff-7c2d-103f-9d10-0b2c4e6f8a13")).name()).isEqualTo("Boiler (2)");
        assertThat(m.objectCount()).isEqualTo(5);
        assertThat(plan.report().items(ImportReport.Action.CONFLICT)).extracting(i -> i.what() + ": " + i.reason())
                .containsExactlyInAnyOrder(
                        "object Boiler: another item is named 'Boiler' at /; imported as 'Boiler (2)'",
                        "tag /PumpStation1/OutletPressure: the project has it already (same id): the directory's version replaces the project's");
        assertThat(plan.report().summary()).startsWith("objects 1 added / 3 updated, tags 0 added / 6 updated");
    }

    @Test
    void anIdTheProjectUsesForAnotherKindRefusesTheWholeImport() {
        ObjectDef clash = new ObjectDef(FLOW1, null, "Elsewhere", "");
        ModelSnapshot project = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(clash))).snapshot();
        assertThatThrownBy(() -> plan(project, PeresvetExamples.pumpStation()))
                .isInstanceOf(LdapImportException.class)
                .hasMessage("the project uses these ids for other kinds of items: tag Flow (" + FLOW1 + ")")
                .satisfies(e -> assertThat(((LdapImportException) e).report().items(ImportReport.Action.CONFLICT)).hasSize(1));
    }
}
