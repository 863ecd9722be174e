package org.peresvet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorModelTest {
    private final ObjectDef pump = ObjectDef.create(null, "Pump");
    private final ConnectorDef broker = ConnectorDef.create("Broker", "mqtt", "{\"url\":\"tcp://127.0.0.1:1883\"}");

    private TagDef bound(String name) {
        return TagDef.builder(pump.id(), name, ValueType.DOUBLE).source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + broker.id() + "\",\"address\":\"pump/" + name + "\"}").build();
    }

    private ModelSnapshot base(TagDef... tags) {
        List<ModelEdit> edits = new java.util.ArrayList<>(List.of(new ModelEdit.PutObject(pump), new ModelEdit.PutConnector(broker)));
        for (TagDef t : tags) {
            edits.add(new ModelEdit.PutTag(t));
        }
        return ModelSnapshot.empty().apply(edits).snapshot();
    }

    @Test
    void connectorsAreReadByIdAndNameAndListTheirTags() {
        TagDef level = bound("Level");
        TagDef temp = bound("Temp");
        ModelSnapshot m = base(temp, level);
        assertThat(m.connectors()).containsExactly(broker);
        assertThat(m.connector(broker.id())).isEqualTo(broker);
        assertThat(m.findConnector("broker")).contains(broker);
        assertThat(m.tagsBoundTo(broker.id())).extracting(TagDef::name).containsExactly("Level", "Temp");
        assertThat(ConnectorDef.boundConnector(level)).isEqualTo(broker.id());
    }

    @Test
    void namesAreUniqueIgnoringCaseAndConfigMustBeAJsonObject() {
        ModelSnapshot m = base();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutConnector(ConnectorDef.create("BROKER", "http", null)))))
                .isInstanceOf(ModelException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutConnector(ConnectorDef.create("H", "http", "[1]")))))
                .hasMessageContaining("config: must be a JSON object");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutConnector(ConnectorDef.create("H", "http", "{bad")))))
                .hasMessageContaining("config: is not valid JSON");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutConnector(ConnectorDef.create("H", "HTTP!", "{}")))))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutConnector(ConnectorDef.create("a/b", "http", "{}")))))
                .extracting("field").isEqualTo("name");
        // Renaming keeps the id; the old name is free again.
        ModelSnapshot renamed = m.apply(List.of(new ModelEdit.PutConnector(broker.withName("broker")))).snapshot();
        assertThat(renamed.connector(broker.id()).name()).isEqualTo("broker");
        assertThat(ConnectorDef.create("E", "http", null).config()).isEqualTo("{}");
    }

    @Test
    void aTagMustBindToAnExistingConnector() {
        ModelSnapshot m = base();
        TagDef orphan = bound("X").toBuilder().sourceConfig("{\"connector\":\"" + java.util.UUID.randomUUID()
                + "\",\"address\":\"a\"}").build();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(orphan))))
                .isInstanceOf(ModelException.class).hasMessageContaining("/Pump/X: sourceConfig: connector").hasMessageContaining("does not exist");
        // Connector and tag in one batch, in either order.
        ConnectorDef other = ConnectorDef.create("Other", "http", null);
        TagDef t = bound("Y").toBuilder().sourceConfig("{\"connector\":\"" + other.id() + "\",\"address\":\"/sensor/y\"}").build();
        ModelSnapshot ok = m.apply(List.of(new ModelEdit.PutTag(t), new ModelEdit.PutConnector(other))).snapshot();
        assertThat(ok.tagsBoundTo(other.id())).containsExactly(t);
        // A connector tag with no binding yet is allowed.
        TagDef unbound = TagDef.builder(pump.id(), "Z", ValueType.DOUBLE).source(SourceKind.CONNECTOR).build();
        assertThat(m.apply(List.of(new ModelEdit.PutTag(unbound))).snapshot().tag(unbound.id())).isNotNull();
    }

    @Test
    void deletingAConnectorWithBoundTagsIsRefusedWithTheListUnlessForced() {
        TagDef level = bound("Level");
        TagDef temp = bound("Temp");
        ModelSnapshot m = base(level, temp);
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.DeleteConnector(broker.id()))))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("2 tag(s) are bound to it: /Pump/Level, /Pump/Temp");
        assertThat(m.connector(broker.id())).isNotNull();

        // Deleting the tags in the same edit is fine, in any order.
        ModelSnapshot gone = m.apply(List.of(new ModelEdit.DeleteConnector(broker.id()), new ModelEdit.DeleteTag(level.id()),
                new ModelEdit.DeleteTag(temp.id()))).snapshot();
        assertThat(gone.connectors()).isEmpty();

        ModelSnapshot.Change forced = m.apply(List.of(new ModelEdit.DeleteConnector(broker.id(), true)));
        TagDef after = forced.snapshot().tag(level.id());
        assertThat(after.source()).isEqualTo(SourceKind.MANUAL);
        assertThat(after.sourceConfig()).isEqualTo(level.sourceConfig());
        assertThat(forced.applied()).filteredOn(e -> e instanceof ModelEdit.PutTag).hasSize(2);
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.DeleteConnector(java.util.UUID.randomUUID()))))
                .hasMessageContaining("no such connector");
    }

    @Test
    void ofLoadsConnectorsBeforeTheirTags() {
        TagDef level = bound("Level");
        ModelSnapshot m = ModelSnapshot.of(List.of(pump), List.of(level), List.of(), List.of(), List.of(), List.of(broker));
        assertThat(m.tagsBoundTo(broker.id())).containsExactly(level);
    }
}
