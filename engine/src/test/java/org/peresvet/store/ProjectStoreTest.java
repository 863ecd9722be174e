package org.peresvet.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.ProjectSettings;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

class ProjectStoreTest {
    @TempDir
    Path dir;

    @Test
    void hibernateMappingMatchesTheMigratedSchema() {
        // "validate" makes Hibernate compare every mapped column with the schema the migrations built.
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir), true)) {
            assertThat(s.isEmpty()).isTrue();
        }
    }

    @Test
    void editsAndSettingsPersist() {
        ObjectDef o = ObjectDef.create(null, "Boiler");
        TagDef t = TagDef.builder(o.id(), "Temp", ValueType.DOUBLE).units("°C").defaultValue(20.0).deadband(0.5).build();
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot before = ModelSnapshot.empty();
            var change = before.apply(List.of(new ModelEdit.PutObject(o), new ModelEdit.PutTag(t)));
            s.persist(before, change.applied());
            var rename = change.snapshot().apply(List.of(new ModelEdit.PutTag(t.toBuilder().name("Temperature").build())));
            s.persist(change.snapshot(), rename.applied());
            s.saveSettings(new ProjectSettings("Boiler room", 7, 500));
        }
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            ModelSnapshot m = s.load();
            TagDef loaded = m.findTag("/Boiler/Temperature").orElseThrow();
            assertThat(loaded).isEqualTo(t.toBuilder().name("Temperature").build());
            assertThat(s.loadSettings("x")).isEqualTo(new ProjectSettings("Boiler room", 7, 500));
        }
    }

    @Test
    void newerSchemaIsRefusedWithAClearMessage() throws Exception {
        try (ProjectStore s = ProjectStore.open(new ProjectFolder(dir))) {
            assertThat(s.isEmpty()).isTrue();
        }
        try (var c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("model").toAbsolutePath(), "sa", "")) {
            c.createStatement().execute("INSERT INTO schema_version(version, name, checksum) VALUES (99, 'V99.sql', 'future')");
        }
        assertThatThrownBy(() -> ProjectStore.open(new ProjectFolder(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Peresvet");
    }

    @Test
    void damagedFileIsReportedNotCrashed() throws Exception {
        Files.writeString(dir.resolve("model.mv.db"), "this is not an H2 file at all".repeat(200));
        assertThatThrownBy(() -> ProjectStore.open(new ProjectFolder(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("model.mv.db");
    }
}
