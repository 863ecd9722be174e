package org.peresvet.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;

/** The streaming reader gives exactly what the tree reader gives, and leaves everything unusual to it. */
class SampleBatchReaderTest {
    private static final long NOW = 1_700_000_000_000_000L;
    private final ObjectDef tank = ObjectDef.create(null, "Tank");
    private final TagDef level = TagDef.builder(tank.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef count = TagDef.builder(tank.id(), "Count", ValueType.INT).build();
    private final TagDef on = TagDef.builder(tank.id(), "On", ValueType.BOOL).build();
    private final TagDef mode = TagDef.builder(tank.id(), "Mode", ValueType.STRING).build();
    private final TagDef doc = TagDef.builder(tank.id(), "Doc", ValueType.JSON).build();
    private final TagDef off = TagDef.builder(tank.id(), "Off", ValueType.DOUBLE).enabled(false).build();
    private final ModelSnapshot model = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(tank),
            new ModelEdit.PutTag(level), new ModelEdit.PutTag(count), new ModelEdit.PutTag(on), new ModelEdit.PutTag(mode),
            new ModelEdit.PutTag(doc), new ModelEdit.PutTag(off))).snapshot();

    private List<TagSample> fast(String body) {
        return SampleBatchReader.read(body.getBytes(StandardCharsets.UTF_8), model, NOW);
    }

    private List<TagSample> tree(String body) {
        return DataEndpoint.parse(Json.parse(body.getBytes(StandardCharsets.UTF_8), "$"), model, NOW);
    }

    @Test
    void goodBodiesGiveTheSameSamplesAsTheTree() {
        for (String body : List.of(
                "{\"data\":[{\"tagId\":\"" + level.id() + "\",\"data\":[[1700000000000001,2.5,0],[1700000000000002,3],[4.25],[\"2026-11-27T10:00:00\",5e3,null]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Count\",\"data\":[[1,2],[3,4.0,103],[\"7\"],[8,null,100]]},"
                        + "{\"tagId\":\"/Tank/On\",\"data\":[[1,true],[2,false],[3,1],[\"false\"]]},"
                        + "{\"tagId\":\"/Tank/Mode\",\"data\":[[1,\"auto\"],[2,12.5],[true]]}]}",
                "{\"data\":[]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[]}]}")) {
            List<TagSample> f = fast(body);
            assertThat(f).as(body).isNotNull().isEqualTo(tree(body));
        }
        assertThat(fast("{\"data\":[{\"tagId\":\"/Tank/Count\",\"data\":[[1,2]]}]}").get(0).sample().y()).isEqualTo(2L);
    }

    @Test
    void anythingUnusualIsLeftToTheTree() {
        for (String body : List.of("", "[]", "{", "{\"data\":null}", "{\"data\":[],\"more\":1}", "{\"data\":[],\"data\":[]}",
                "{\"data\":[{\"data\":[[1]],\"tagId\":\"/Tank/Level\"}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Nope\",\"data\":[[1]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Off\",\"data\":[[1]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Doc\",\"data\":[[{\"a\":1}]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Count\",\"data\":[[1,2.5]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1,\"x\"]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1.5,2]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[\"yesterday\",2]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1,2,-1]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1,2,3,4]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1,[2]]]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[1]}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1,2]],\"x\":1}]}",
                "{\"data\":[{\"tagId\":\"/Tank/Level\",\"data\":[[1,2]]}]")) {
            assertThat(fast(body)).as(body).isNull();
        }
    }
}
