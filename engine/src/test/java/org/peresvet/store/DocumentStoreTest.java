package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.io.ProjectDocument;
import org.peresvet.model.io.ProjectImport;
import org.peresvet.model.io.ProjectJson;

/** Saved trends, screens and symbols as model documents: rules, the H2 file and the project JSON. */
class DocumentStoreTest {
    @TempDir
    Path dir;

    private static DocumentDef doc(String kind, String name, String body) {
        return new DocumentDef(UUID.randomUUID(), kind, name, body);
    }

    @Test
    void documentsPersistChangeAndGo() {
        DocumentDef trend = doc("trend", "Levels", "{\"pens\":[\"/Tank/Level\"]}");
        DocumentDef screen = doc("screen", "Overview", "{\"width\":1920,\"widgets\":[]}");
        // more than a VARCHAR row would hold (a symbol body must be a symbol: a label with a long text)
        String big = "{\"widgets\":[{\"id\":\"l\",\"type\":\"label\",\"text\":\"" + "x".repeat(200_000) + "\"}]}";
        DocumentDef symbol = doc("symbol", "Pump", big);
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            var change = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutDocument(trend), new ModelEdit.PutDocument(screen),
                    new ModelEdit.PutDocument(symbol)));
            s.persist(ModelSnapshot.empty(), change.applied());
            var edit = change.snapshot().apply(List.of(new ModelEdit.PutDocument(trend.withName("Tank levels")),
                    new ModelEdit.DeleteDocument(screen.id())));
            s.persist(change.snapshot(), edit.applied());
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot m = s.load();
            assertThat(m.documents()).containsExactly(symbol, trend.withName("Tank levels"));
            assertThat(m.documents("trend")).containsExactly(trend.withName("Tank levels"));
            assertThat(m.document(screen.id())).isEmpty();
            assertThat(m.findDocument("symbol", "PUMP")).contains(symbol);
        }
    }

    @Test
    void badDocumentsAreRefusedWithTheReasonAndChangeNothing() {
        DocumentDef trend = doc("trend", "Levels", "{}");
        ModelSnapshot m = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutDocument(trend))).snapshot();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(doc("trend", "levels", "{}")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.reason()).contains("already exists"));
        // Another kind may use the same name.
        assertThat(m.apply(List.of(new ModelEdit.PutDocument(doc("screen", "Levels", "{}")))).snapshot().documents()).hasSize(2);
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(doc("trend", "A", "[1]")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.reason()).contains("JSON object"));
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(doc("trend", "A", "{\"a\":1,\"a\":2}")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(doc("Trend!", "A", "{}")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.field()).isEqualTo("kind"));
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(doc("trend", "a/b", "{}")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(new DocumentDef(trend.id(), "screen", "S", "{}")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.reason()).contains("is a trend"));
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.DeleteDocument(UUID.randomUUID()))))
                .isInstanceOf(ModelException.class);
        String huge = "{\"t\":\"" + "x".repeat(DocumentDef.MAX_BODY_BYTES) + "\"}";
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutDocument(doc("trend", "Big", huge)))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.reason()).contains("larger than"));
        assertThat(m.documents()).containsExactly(trend);
    }

    @Test
    void documentsTravelInTheProjectJsonAndAReplacingImportRemovesOldOnes() {
        ObjectDef tank = ObjectDef.create(null, "Tank");
        DocumentDef trend = doc("trend", "Levels", "{\"pens\":[{\"tag\":\"/Tank/Level\",\"colour\":\"#1f77b4\"}],\"span\":3600}");
        DocumentDef old = doc("screen", "Old", "{}");
        ModelSnapshot m = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(tank), new ModelEdit.PutDocument(trend)))
                .snapshot();
        String json = ProjectJson.write(m, null, null);
        assertThat(json).contains("\"documents\"").contains("\"kind\" : \"trend\"");
        ProjectDocument read = ProjectJson.read(json);
        assertThat(read.documents()).containsExactly(trend);
        // A subtree export carries no documents.
        assertThat(ProjectJson.write(m, null, tank.id())).doesNotContain("documents");

        ModelSnapshot other = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutDocument(old))).snapshot();
        ModelSnapshot replaced = other.apply(ProjectImport.edits(other, read, null, true)).snapshot();
        assertThat(replaced.documents()).containsExactly(trend);

        assertThatThrownBy(() -> ProjectJson.read("{\"documents\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"kind\":\"trend\",\"name\":\"X\",\"body\":[]}]}"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.getMessage()).contains("$.documents[0].body"));
    }
}
