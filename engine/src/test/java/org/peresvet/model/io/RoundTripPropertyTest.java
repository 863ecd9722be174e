package org.peresvet.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ProjectSettings;

/**
 * The round-trip guarantee, over generated models (seeded, so a failure names the seed to replay):
 * whatever import accepts, export writes and import reads back to the same model, and exporting
 * that gives the same bytes again. For the JSON document (the whole project) and for the tag CSV.
 */
class RoundTripPropertyTest {
    private static final int MODELS = 150;
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void whatImportAcceptsExportWritesAndImportReadsBackTheSame() throws Exception {
        int tags = 0;
        for (long seed = 1; seed <= MODELS; seed++) {
            ObjectNode generated = new ProjectGen(seed).project();
            byte[] file = (seed % 3 == 0 ? generated.toPrettyString() : generated.toString()).getBytes(StandardCharsets.UTF_8);
            String why = "seed " + seed + ": " + generated;

            ProjectDocument doc = ProjectJson.read(file);
            ModelSnapshot first = importReplacing(doc);
            String exported = ProjectJson.write(first, doc.settings(), null);

            ProjectDocument again = ProjectJson.read(exported.getBytes(StandardCharsets.UTF_8));
            ModelSnapshot second = importReplacing(again);
            assertSameModel(second, first, why);
            assertThat(again.settings()).as(why).isEqualTo(doc.settings());
            assertThat(ProjectJson.write(second, again.settings(), null)).as(why).isEqualTo(exported);

            // The tag CSV: importing the export into the same model changes nothing; into the model
            // without its tags it gives the same tags back, and the same file again.
            String csv = TagCsv.write(first, null);
            TagCsv.Import same = TagCsv.read(first, csv);
            assertThat(same.edits()).as(why).isEmpty();
            assertThat(same.tagsUnchanged()).as(why).isEqualTo(first.tagCount());
            ModelSnapshot bare = withoutTags(first);
            ModelSnapshot fromCsv = bare.apply(TagCsv.read(bare, csv).edits()).snapshot();
            assertThat(new HashSet<>(fromCsv.tags())).as(why).isEqualTo(new HashSet<>(first.tags()));
            assertThat(TagCsv.write(fromCsv, null)).as(why).isEqualTo(csv);
            tags += first.tagCount();
        }
        assertThat(tags).as("the generator makes models with tags").isGreaterThan(MODELS * 3);
    }

    private static ModelSnapshot importReplacing(ProjectDocument doc) {
        ModelSnapshot empty = ModelSnapshot.empty();
        return empty.apply(ProjectImport.edits(empty, doc, null, true)).snapshot();
    }

    /** The model without its tags (and so without alarms and the methods that use tags). */
    private static ModelSnapshot withoutTags(ModelSnapshot m) {
        List<ModelEdit> edits = new ArrayList<>();
        m.methods().forEach(x -> edits.add(new ModelEdit.DeleteMethod(x.id())));
        m.tags().forEach(t -> edits.add(new ModelEdit.DeleteTag(t.id())));
        return m.apply(edits).snapshot();
    }

    static void assertSameModel(ModelSnapshot actual, ModelSnapshot expected, String why) {
        assertThat(new HashSet<>(actual.objects())).as(why).isEqualTo(new HashSet<>(expected.objects()));
        assertThat(new HashSet<>(actual.tags())).as(why).isEqualTo(new HashSet<>(expected.tags()));
        assertThat(new HashSet<>(actual.alarms())).as(why).isEqualTo(new HashSet<>(expected.alarms()));
        assertThat(new HashSet<>(actual.schedules())).as(why).isEqualTo(new HashSet<>(expected.schedules()));
        assertThat(new HashSet<>(actual.methods())).as(why).isEqualTo(new HashSet<>(expected.methods()));
        assertThat(new HashSet<>(actual.connectors())).as(why).isEqualTo(new HashSet<>(expected.connectors()));
    }

    @Test
    void settingsSurviveTheRoundTrip() {
        ProjectSettings s = new ProjectSettings("Станция \uD83D\uDCA7 1", 3650, 60_000);
        String json = ProjectJson.write(ModelSnapshot.empty(), s, null);
        assertThat(ProjectJson.read(json).settings()).isEqualTo(s);
    }
}
