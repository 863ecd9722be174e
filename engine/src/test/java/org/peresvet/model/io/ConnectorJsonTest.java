package org.peresvet.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Connectors in the project document: written, read strictly, imported. */
class ConnectorJsonTest {
    private final ObjectDef station = ObjectDef.create(null, "Station");
    private final ObjectDef pump = ObjectDef.create(station.id(), "Pump");
    private final ObjectDef other = ObjectDef.create(station.id(), "Other");
    private final ConnectorDef broker = ConnectorDef.create("Broker", "mqtt", "{\"url\":\"tcp://127.0.0.1:1883\",\"keepAlive\":30}");
    private final ConnectorDef web = ConnectorDef.create("Web", "http", "{\"baseUrl\":\"http://127.0.0.1:8080\"}").withEnabled(false);
    private final TagDef temp = TagDef.builder(pump.id(), "Temp", ValueType.DOUBLE).source(SourceKind.CONNECTOR)
            .sourceConfig("{\"connector\":\"" + broker.id() + "\",\"address\":\"tele/pump/SENSOR\",\"json\":\"$.DS18B20.Temperature\"}")
            .build();

    private ModelSnapshot model() {
        return ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(station), new ModelEdit.PutObject(pump),
                new ModelEdit.PutObject(other), new ModelEdit.PutConnector(broker), new ModelEdit.PutConnector(web),
                new ModelEdit.PutTag(temp))).snapshot();
    }

    @Test
    void connectorsRoundTripThroughTheDocument() {
        ModelSnapshot m = model();
        String json = ProjectJson.write(m, ProjectSettings.defaults("p"), null);
        assertThat(json).contains("\"connectors\" : [").contains("\"kind\" : \"mqtt\"").contains("\"keepAlive\" : 30");
        ProjectDocument doc = ProjectJson.read(json);
        assertThat(doc.connectors()).containsExactly(broker, web.withConfig("{\"baseUrl\":\"http://127.0.0.1:8080\"}"));
        ModelSnapshot back = ModelSnapshot.empty().apply(ProjectImport.edits(ModelSnapshot.empty(), doc, null, true)).snapshot();
        assertThat(back.connectors()).isEqualTo(m.connectors());
        assertThat(back.tag(temp.id())).isEqualTo(temp);
        assertThat(ProjectJson.write(back, ProjectSettings.defaults("p"), null)).isEqualTo(json);
    }

    @Test
    void aSubtreeCarriesTheConnectorsItsTagsUse() {
        ModelSnapshot m = model();
        ProjectDocument pumpDoc = ProjectJson.read(ProjectJson.write(m, null, pump.id()));
        assertThat(pumpDoc.connectors()).extracting(ConnectorDef::name).containsExactly("Broker");
        assertThat(ProjectJson.read(ProjectJson.write(m, null, other.id())).connectors()).isEmpty();
        // Into a project without that connector: it comes along.
        ModelSnapshot target = ModelSnapshot.empty();
        ModelSnapshot after = target.apply(ProjectImport.edits(target, pumpDoc, null, false)).snapshot();
        assertThat(after.tagsBoundTo(broker.id())).hasSize(1);
    }

    @Test
    void replacingTheProjectDropsConnectorsTheDocumentLacks() {
        ModelSnapshot m = model();
        ConnectorDef renamedBroker = ConnectorDef.create("Web", "mqtt", null);
        ProjectDocument doc = new ProjectDocument(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(renamedBroker));
        ModelSnapshot after = m.apply(ProjectImport.edits(m, doc, null, true)).snapshot();
        assertThat(after.connectors()).containsExactly(renamedBroker);
    }

    @Test
    void badConnectorsAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> ProjectJson.read("{\"connectors\":{}}")).isInstanceOf(ModelException.class)
                .hasMessageContaining("$.connectors: must be an array");
        assertThatThrownBy(() -> ProjectJson.read("{\"connectors\":[{\"name\":\"a\",\"kind\":\"mqtt\",\"color\":1}]}"))
                .hasMessageContaining("$.connectors[0].color: unknown key");
        assertThatThrownBy(() -> ProjectJson.read("{\"connectors\":[{\"kind\":\"mqtt\"}]}"))
                .hasMessageContaining("$.connectors[0].name: is required");
        assertThatThrownBy(() -> ProjectJson.read("{\"connectors\":[{\"name\":\"a\",\"kind\":\"mqtt\",\"enabled\":\"yes\"}]}"))
                .hasMessageContaining("$.connectors[0].enabled: must be true or false");
        // A config that is not an object is refused as the document is read, with its path.
        assertThatThrownBy(() -> ProjectJson.read("{\"connectors\":[{\"name\":\"a\",\"kind\":\"mqtt\",\"config\":[1]}]}"))
                .hasMessageContaining("$.connectors[0].config: must be a JSON object");
    }
}
