package org.peresvet.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Alarm definitions in the project document: inside their tag's object, strict reading with JSON paths. */
class AlarmJsonTest {
    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final TagDef flow = TagDef.builder(pump.id(), "Flow", ValueType.DOUBLE).units("m3/h").build();
    private final TagDef sp = TagDef.builder(pump.id(), "SP", ValueType.DOUBLE).build();
    private final TagDef state = TagDef.builder(pump.id(), "State", ValueType.INT).build();

    @Test
    void alarmsRoundTripThroughTheDocument() {
        List<AlarmDef> alarms = List.of(
                AlarmDef.builder(flow.id(), AlarmKind.HI).limit(100.0).priority(AlarmPriority.HIGH).deadband(2)
                        .onDelayMillis(3000).offDelayMillis(1000).message("Flow {value} {units}").build(),
                AlarmDef.builder(flow.id(), AlarmKind.DEVIATION).limit(5.0).setpointTagId(sp.id()).suppressionTagId(state.id()).build(),
                AlarmDef.builder(flow.id(), AlarmKind.EXPRESSION).expression("{Flow} > 2 * {SP}").latching(true).enabled(false).build(),
                AlarmDef.builder(state.id(), AlarmKind.DISCRETE_EQUALS).value(3L).autoAck(true).build());
        List<ModelEdit> edits = new java.util.ArrayList<>(List.of(new ModelEdit.PutObject(pump), new ModelEdit.PutTag(flow),
                new ModelEdit.PutTag(sp), new ModelEdit.PutTag(state)));
        alarms.forEach(a -> edits.add(new ModelEdit.PutAlarm(a)));
        ModelSnapshot m = ModelSnapshot.empty().apply(edits).snapshot();
        String json = ProjectJson.write(m, ProjectSettings.defaults("p"), null);
        assertThat(json).contains("\"alarms\" : [").contains("\"kind\" : \"deviation\"").contains("\"onDelayMs\" : 3000");
        ProjectDocument doc = ProjectJson.read(json);
        assertThat(doc.alarms()).containsExactlyInAnyOrderElementsOf(alarms);
        ModelSnapshot back = ModelSnapshot.empty().apply(ProjectImport.edits(ModelSnapshot.empty(), doc, null, true)).snapshot();
        assertThat(back.alarms()).containsExactlyInAnyOrderElementsOf(alarms);
        assertThat(ProjectJson.write(back, ProjectSettings.defaults("p"), null)).isEqualTo(json);
    }

    private static String doc(String alarm) {
        return """
                {"objects":[{"name":"Pump","tags":[{"name":"Flow","type":"double","alarms":[%s]}]}]}
                """.formatted(alarm);
    }

    @Test
    void readingIsStrictAndNamesTheJsonPath() {
        assertThatThrownBy(() -> ProjectJson.read(doc("{\"kind\":\"hi\",\"limit\":1,\"colour\":\"red\"}")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.where()).isEqualTo("$.objects[0].tags[0].alarms[0].colour"));
        assertThatThrownBy(() -> ProjectJson.read(doc("{\"kind\":\"high\"}")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.where()).isEqualTo("$.objects[0].tags[0].alarms[0].kind"));
        assertThatThrownBy(() -> ProjectJson.read(doc("{\"kind\":\"hi\",\"limit\":\"ten\"}")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.where()).isEqualTo("$.objects[0].tags[0].alarms[0].limit"));
        assertThatThrownBy(() -> ProjectJson.read(doc("{\"kind\":\"hi\",\"limit\":1,\"priority\":\"urgent\"}")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.where()).isEqualTo("$.objects[0].tags[0].alarms[0].priority"));
        assertThatThrownBy(() -> ProjectJson.read(doc("{\"kind\":\"hi\",\"limit\":1,\"onDelayMs\":1.5}")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.where()).isEqualTo("$.objects[0].tags[0].alarms[0].onDelayMs"));
        assertThatThrownBy(() -> ProjectJson.read(doc("{\"kind\":\"deviation\",\"limit\":1,\"setpoint\":\"/Pump/SP\"}")))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.where()).isEqualTo("$.objects[0].tags[0].alarms[0].setpoint"));
        ProjectDocument ok = ProjectJson.read(doc("{\"kind\":\"lolo\",\"limit\":0.5}"));
        assertThat(ok.alarms()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("LoLo");
            assertThat(a.tagId()).isEqualTo(ok.tags().get(0).id());
            assertThat(a.enabled()).isTrue();
        });
    }
}
