package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Connectors and their bound tags in the real H2 project file. */
class ConnectorStoreTest {
    @TempDir
    Path dir;

    @Test
    void connectorsPersistChangeAndGo() {
        ObjectDef o = ObjectDef.create(null, "Pump");
        ConnectorDef broker = ConnectorDef.create("Broker", "mqtt", "{\"url\":\"tcp://127.0.0.1:1883\",\"profile\":\"tasmota\"}");
        ConnectorDef web = ConnectorDef.create("Web", "http", "{\"baseUrl\":\"http://10.0.0.5\"}");
        TagDef t = TagDef.builder(o.id(), "Temp", ValueType.DOUBLE).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + broker.id() + "\",\"address\":\"tele/pump/SENSOR\",\"json\":\"$.DS18B20.Temperature\"}")
                .build();
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot before = ModelSnapshot.empty();
            var change = before.apply(List.of(new ModelEdit.PutObject(o), new ModelEdit.PutConnector(broker),
                    new ModelEdit.PutConnector(web), new ModelEdit.PutTag(t)));
            s.persist(before, change.applied());
            var edit = change.snapshot().apply(List.of(new ModelEdit.PutConnector(web.withEnabled(false).withName("Web2")),
                    new ModelEdit.DeleteConnector(broker.id(), true)));
            s.persist(change.snapshot(), edit.applied());
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot m = s.load();
            assertThat(m.connectors()).containsExactly(web.withEnabled(false).withName("Web2"));
            // The forced delete made the tag manual, binding kept.
            assertThat(m.tag(t.id()).source()).isEqualTo(SourceKind.MANUAL);
            assertThat(m.tag(t.id()).sourceConfig()).isEqualTo(t.sourceConfig());
        }
    }

    @Test
    void boundTagsLoadAfterTheirConnector() {
        ObjectDef o = ObjectDef.create(null, "Pump");
        ConnectorDef broker = ConnectorDef.create("Broker", "mqtt", null);
        TagDef t = TagDef.builder(o.id(), "Power", ValueType.BOOL).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + broker.id() + "\",\"address\":\"stat/pump/POWER\",\"command\":\"cmnd/pump/POWER\"}")
                .build();
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            var change = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(o), new ModelEdit.PutTag(t),
                    new ModelEdit.PutConnector(broker)));
            s.persist(ModelSnapshot.empty(), change.applied());
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot m = s.load();
            assertThat(m.tagsBoundTo(broker.id())).containsExactly(t);
            assertThat(m.connector(broker.id()).config()).isEqualTo("{}");
        }
    }
}
