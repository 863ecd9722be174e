package org.peresvet.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.SimulatorSpec;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

class TagCsvTest {
    private static final UUID PLANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID TANK = UUID.fromString("00000000-0000-0000-0000-000000000002");
    private static final UUID PUMP = UUID.fromString("00000000-0000-0000-0000-000000000003");
    private static final UUID LEVEL = UUID.fromString("00000000-0000-0000-0000-000000000011");
    private static final UUID MODE = UUID.fromString("00000000-0000-0000-0000-000000000012");
    private static final UUID RUNNING = UUID.fromString("00000000-0000-0000-0000-000000000013");
    private static final UUID RECIPE = UUID.fromString("00000000-0000-0000-0000-000000000014");
    /** The header of files written before calculated tags: 14 columns, rows of 14 cells. */
    private static final String V1 = "path,type,units,min,max,deadband,step,update,default,enabled,source,sourceConfig,description,id";

    private final ModelSnapshot model = ModelSnapshot.empty().apply(List.of(
            new ModelEdit.PutObject(new ObjectDef(PLANT, null, "Plant", "")),
            new ModelEdit.PutObject(new ObjectDef(TANK, PLANT, "Tank", "")),
            new ModelEdit.PutObject(new ObjectDef(PUMP, PLANT, "Pump", "")),
            new ModelEdit.PutTag(TagDef.builder(TANK, "Level", ValueType.DOUBLE).id(LEVEL).units("m").min(0.0).max(5.0)
                    .deadband(0.01).description("Level, in metres; \"radar\" gauge\nsecond line")
                    .simulated(SimulatorSpec.sine(60, 1, 2.5)).build()),
            new ModelEdit.PutTag(TagDef.builder(TANK, "Mode", ValueType.STRING).id(MODE).defaultValue("auto, local")
                    .step(true).build()),
            new ModelEdit.PutTag(TagDef.builder(PUMP, "Running", ValueType.BOOL).id(RUNNING).update(true)
                    .enabled(false).build()),
            new ModelEdit.PutTag(TagDef.builder(PUMP, "Recipe", ValueType.JSON).id(RECIPE)
                    .defaultValue("{\"a\":[1,2]}").build())))
            .snapshot();

    @Test
    void exportHasTheHeaderAndOneRowPerTagSortedByPath() {
        String csv = TagCsv.write(model, null);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo(TagCsv.HEADER);
        assertThat(csv).contains("/Plant/Pump/Recipe,json,,,,0,false,false,\"{\"\"a\"\":[1,2]}\",true,manual,,,"
                + RECIPE + ",,\r\n");
        assertThat(csv).contains("/Plant/Pump/Running,bool,,,,0,false,true,,false,manual,,," + RUNNING + ",,\r\n");
        assertThat(csv).contains("/Plant/Tank/Mode,string,,,,0,true,false,\"auto, local\",true,manual,,," + MODE + ",,\r\n");
        // Quoted: commas, doubled quotes and a line break inside the description.
        assertThat(csv).contains("/Plant/Tank/Level,double,m,0,5,0.01,false,false,,true,simulated,\"{\"\"function\"\":\"\"sine\"\"");
        assertThat(csv).contains(",\"Level, in metres; \"\"radar\"\" gauge\nsecond line\"," + LEVEL + ",,\r\n");
        List<String> order = new ArrayList<>();
        for (Csv.Record r : Csv.parse(csv).subList(1, 5)) {
            order.add(r.cells().get(0));
        }
        assertThat(order).containsExactly("/Plant/Pump/Recipe", "/Plant/Pump/Running", "/Plant/Tank/Level", "/Plant/Tank/Mode");
    }

    @Test
    void exportOfASubtreeHasOnlyItsTags() {
        String csv = TagCsv.write(model, PUMP);
        assertThat(Csv.parse(csv)).hasSize(3);
        assertThat(csv).doesNotContain("/Plant/Tank/");
    }

    @Test
    void reimportingAnExportChangesNothing() {
        TagCsv.Import imp = TagCsv.read(model, TagCsv.write(model, null));
        assertThat(imp.edits()).isEmpty();
        assertThat(imp.tagsUnchanged()).isEqualTo(4);
        assertThat(imp.tagsCreated() + imp.tagsUpdated() + imp.objectsCreated()).isZero();
    }

    @Test
    void anEditedCellUpdatesThatTagOnly() {
        String csv = TagCsv.write(model, null).replace("/Plant/Tank/Level,double,m,0,5,", "/Plant/Tank/Level,double,cm,0,500,");
        TagCsv.Import imp = TagCsv.read(model, csv);
        assertThat(imp.tagsUpdated()).isEqualTo(1);
        assertThat(imp.tagsUnchanged()).isEqualTo(3);
        TagDef level = apply(imp).tag(LEVEL);
        assertThat(level.units()).isEqualTo("cm");
        assertThat(level.max()).isEqualTo(500.0);
        assertThat(level.description()).isEqualTo("Level, in metres; \"radar\" gauge\nsecond line");
    }

    @Test
    void quotedCellsKeepCommasQuotesAndLineBreaks() {
        String csv = V1 + "\n"
                + "/Plant/Tank/Note,string,\"a,b\",,,,,,\"say \"\"hi\"\"\",,,,\"line one\r\nline two, \"\"quoted\"\"\",\n";
        TagCsv.Import imp = TagCsv.read(model, csv);
        TagDef note = apply(imp).findTag("/Plant/Tank/Note").orElseThrow();
        assertThat(note.units()).isEqualTo("a,b");
        assertThat(note.defaultValue()).isEqualTo("say \"hi\"");
        assertThat(note.description()).isEqualTo("line one\r\nline two, \"quoted\"");
        // ...and they survive the way back.
        assertThat(TagCsv.read(apply(imp), TagCsv.write(apply(imp), null)).edits()).isEmpty();
    }

    @Test
    void emptyCellsMeanTheDefaultsOfANewTag() {
        TagCsv.Import imp = TagCsv.read(model, V1 + "\r\n/Plant/Tank/Bare,,,,,,,,,,,,,\r\n");
        TagDef bare = apply(imp).findTag("/Plant/Tank/Bare").orElseThrow();
        assertThat(bare.type()).isEqualTo(ValueType.DOUBLE);
        assertThat(bare.units()).isEmpty();
        assertThat(bare.min()).isNull();
        assertThat(bare.deadband()).isZero();
        assertThat(bare.step()).isFalse();
        assertThat(bare.update()).isFalse();
        assertThat(bare.defaultValue()).isNull();
        assertThat(bare.enabled()).isTrue();
        assertThat(bare.source()).isEqualTo(SourceKind.MANUAL);
        assertThat(bare.sourceConfig()).isNull();
    }

    @Test
    void aNewPathCreatesTheMissingObjects() {
        String csv = V1 + "\r\n"
                + "/Plant/Boiler/Zone1/Temp,double,°C,,,,,,20.5,,,,,\r\n"
                + "/Plant/Boiler/Zone1/Setpoint,int,°C,0,90,,yes,,21,,,,,\r\n";
        TagCsv.Import imp = TagCsv.read(model, csv);
        assertThat(imp.objectsCreated()).isEqualTo(2);
        assertThat(imp.tagsCreated()).isEqualTo(2);
        ModelSnapshot after = apply(imp);
        assertThat(after.findObject("/Plant/Boiler/Zone1")).isPresent();
        assertThat(after.findTag("/Plant/Boiler/Zone1/Temp").orElseThrow().defaultValue()).isEqualTo(20.5);
        TagDef sp = after.findTag("/Plant/Boiler/Zone1/Setpoint").orElseThrow();
        assertThat(sp.defaultValue()).isEqualTo(21L);
        assertThat(sp.step()).isTrue();
    }

    @Test
    void aRowWithAKnownIdMovesAndRenamesItsTag() {
        String csv = V1 + "\r\n/Plant/Pump/Motor/IsRunning,bool,,,,,,true,,false,,,," + RUNNING + "\r\n";
        TagCsv.Import imp = TagCsv.read(model, csv);
        assertThat(imp.tagsUpdated()).isEqualTo(1);
        assertThat(imp.objectsCreated()).isEqualTo(1);
        ModelSnapshot after = apply(imp);
        assertThat(after.tagPath(RUNNING)).isEqualTo("/Plant/Pump/Motor/IsRunning");
        assertThat(after.findTag("/Plant/Pump/Running")).isEmpty();
        assertThat(after.tagCount()).isEqualTo(4);
    }

    @Test
    void aRowWithoutIdOrWithAnUnknownIdIsMatchedByPath() {
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-0000000000ff");
        String csv = V1 + "\r\n"
                + "/Plant/Tank/Mode,string,,,,,,,manual,,,,,\r\n"
                + "/Plant/Pump/Running,bool,,,,,,,,,,,," + unknown + "\r\n"
                + "/Plant/Pump/Speed,double,%,,,,,,,,,,," + unknown + "\r\n";
        TagCsv.Import imp = TagCsv.read(model, csv);
        ModelSnapshot after = apply(imp);
        assertThat(after.tag(MODE).defaultValue()).isEqualTo("manual");
        assertThat(after.tag(RUNNING).enabled()).isTrue();
        // An unknown id on a new path is kept, so ids can travel between projects.
        assertThat(after.tag(unknown)).isNotNull();
        assertThat(after.tagPath(unknown)).isEqualTo("/Plant/Pump/Speed");
        assertThat(imp.tagsUpdated()).isEqualTo(2);
        assertThat(imp.tagsCreated()).isEqualTo(1);
    }

    @Test
    void acceptsLfLineEndsAByteOrderMarkAndBlankRows() {
        String csv = "\uFEFF" + V1.toUpperCase() + "\n\n/Plant/Tank/A,int,,,,,,,,,,,,\n,,,,,,,,,,,,,\n";
        TagCsv.Import imp = TagCsv.read(model, csv);
        assertThat(imp.tagsCreated()).isEqualTo(1);
    }

    // ---- errors: line and column, nothing applied ----

    @Test
    void aBadTypeNamesLineAndColumn() {
        ModelException e = error(V1 + "\r\n/Plant/Tank/A,double,,,,,,,,,,,,\r\n/Plant/Tank/B,floaty,,,,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 3");
        assertThat(e.field()).isEqualTo("type");
        assertThat(e.reason()).contains("floaty");
    }

    @Test
    void aBadNumberNamesLineAndColumn() {
        ModelException e = error(V1 + "\r\n/Plant/Tank/A,double,,zero,,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 2");
        assertThat(e.field()).isEqualTo("min");
        assertThat(e.reason()).isEqualTo("'zero' is not a number");
        e = error(V1 + "\r\n/Plant/Tank/A,double,,,\"1,5\",,,,,,,,,\r\n");
        assertThat(e.field()).isEqualTo("max");
        assertThat(e.reason()).contains("decimal separator");
    }

    @Test
    void aDuplicatePathNamesBothLines() {
        ModelException e = error(V1 + "\r\n/Plant/Tank/A,double,,,,,,,,,,,,\r\n/Plant/Tank/B,double,,,,,,,,,,,,\r\n"
                + "/Plant//Tank/A,int,,,,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 4");
        assertThat(e.field()).isEqualTo("path");
        assertThat(e.reason()).isEqualTo("duplicate path /Plant/Tank/A, also on line 2");
    }

    @Test
    void twoRowsForOneTagAreRefused() {
        ModelException e = error(V1 + "\r\n/Plant/Tank/Level2,double,,,,,,,,,,,," + LEVEL
                + "\r\n/Plant/Tank/Level,double,,,,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 3");
        assertThat(e.reason()).contains("line 2").contains("/Plant/Tank/Level");
    }

    @Test
    void aModelRuleIsReportedWithTheLineOfTheRow() {
        // min > max is found when the edits are applied to a copy of the model.
        ModelException e = error(V1 + "\r\n/Plant/Tank/A,double,,,,,,,,,,,,\r\n/Plant/Tank/B,double,,10,1,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 3");
        assertThat(e.field()).isEqualTo("min");
        assertThat(e.reason()).contains("greater than max").contains("/Plant/Tank/B");
    }

    @Test
    void otherModelRulesMapToTheirColumns() {
        assertThat(error(V1 + "\r\n/Plant/Tank/A,string,,0,1,,,,,,,,,\r\n").field()).isEqualTo("min");
        assertThat(error(V1 + "\r\n/Plant/Tank/A,double,,,,,,,,,simulated,,,\r\n").field()).isEqualTo("sourceConfig");
        assertThat(error(V1 + "\r\n/Plant/Tank/A,double,,,,,,,,,simulated,\"{\"\"function\"\":\"\"x\"\"}\",,\r\n")
                .reason()).contains("unknown function");
        // A tag named like an existing object.
        ModelException e = error(V1 + "\r\n/Plant/Tank,double,,,,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 2");
        assertThat(e.field()).isEqualTo("path");
        assertThat(e.reason()).contains("already exists");
    }

    @Test
    void badCellsOfEveryKindAreNamed() {
        assertThat(error(V1 + "\r\n/Plant/Tank/A,int,,,,,,,1.5,,,,,\r\n").field()).isEqualTo("default");
        assertThat(error(V1 + "\r\n/Plant/Tank/A,int,,,,,maybe,,,,,,,\r\n").field()).isEqualTo("step");
        assertThat(error(V1 + "\r\n/Plant/Tank/A,int,,,,,,,,,plc,,,\r\n").field()).isEqualTo("source");
        assertThat(error(V1 + "\r\n/Plant/Tank/A,int,,,,,,,,,,,,not-a-uuid\r\n").field()).isEqualTo("id");
        assertThat(error(V1 + "\r\n/Plant/Tank/A,int,,,,-1,,,,,,,,\r\n").field()).isEqualTo("deadband");
        assertThat(error(V1 + "\r\nLonely,int,,,,,,,,,,,,\r\n").reason()).contains("names no object");
        assertThat(error(V1 + "\r\n/Plant/ Tank/A,int,,,,,,,,,,,,\r\n").reason()).contains("spaces");
    }

    @Test
    void structuralProblemsNameTheLine() {
        ModelException e = error("path,type\r\n");
        assertThat(e.where()).isEqualTo("line 1");
        assertThat(e.field()).isEqualTo("header");
        e = error(TagCsv.HEADER + "\r\n/Plant/Tank/A,int\r\n");
        assertThat(e.where()).isEqualTo("line 2");
        assertThat(e.reason()).contains("expected 16 cells").contains("found 2");
        e = error(TagCsv.HEADER + "\r\n/Plant/Tank/A,int,,,,,,,,,,,\"open\r\nstill open\r\n");
        assertThat(e.where()).isEqualTo("line 2");
        assertThat(e.reason()).contains("closing quote");
        e = error(TagCsv.HEADER + "\r\n/Plant/Tank/A,int,,,,,,,,,,,\"x\"y,\r\n");
        assertThat(e.reason()).contains("after the closing quote");
        assertThat(error("").reason()).contains("empty");
    }

    @Test
    void lineNumbersCountTheLinesInsideQuotedCells() {
        ModelException e = error(V1 + "\r\n/Plant/Tank/A,int,,,,,,,,,,,\"two\nlines\",\r\n/Plant/Tank/B,int,,x,,,,,,,,,,\r\n");
        assertThat(e.where()).isEqualTo("line 4");
    }

    private ModelException error(String csv) {
        String before = TagCsv.write(model, null);
        ModelException e = catchThrowableOfType(ModelException.class, () -> TagCsv.read(model, csv));
        assertThat(e).as("expected an error for:\n" + csv).isNotNull();
        assertThat(TagCsv.write(model, null)).isEqualTo(before);
        return e;
    }

    private ModelSnapshot apply(TagCsv.Import imp) {
        return model.apply(imp.edits()).snapshot();
    }
}
