package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peresvet.app.common.MemoryTarget;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** The property sheet's view model: values, refusals at the field, bulk edits. No toolkit. */
class PropertiesModelTest {
    private MemoryTarget target;
    private ModelEditor editor;
    private PropertiesModel props;
    private ObjectDef pump;
    private TagDef speed;
    private TagDef current;

    @BeforeEach
    void setUp() {
        pump = ObjectDef.create(null, "Pump");
        speed = TagDef.builder(pump.id(), "Speed", ValueType.DOUBLE).units("%").min(0.0).max(100.0).build();
        current = TagDef.builder(pump.id(), "Current", ValueType.DOUBLE).units("A").build();
        target = new MemoryTarget(ModelSnapshot.of(List.of(pump), List.of(speed, current)));
        editor = new ModelEditor(target, Runnable::run, Runnable::run);
        props = new PropertiesModel(editor);
    }

    @Test
    void anInvalidValueIsShownAtItsFieldAndChangesNothingThenAValidOneApplies() {
        props.select(List.of(NodeRef.tag(speed.id())));
        assertThat(props.titleProperty().get()).isEqualTo("/Pump/Speed");
        PropertiesModel.Row min = props.row("min");
        assertThat(min.getValue()).isEqualTo(0.0);

        min.commitText("abc");
        assertThat(min.errorProperty().get()).isEqualTo("'abc' is not a number");
        min.commitText("150");
        assertThat(min.errorProperty().get()).contains("greater than max");
        assertThat(min.getValue()).as("the refused value leaves the field").isEqualTo(0.0);
        assertThat(target.edits).isZero();

        min.commitText("10");
        assertThat(min.errorProperty().get()).isEmpty();
        assertThat(target.model.tag(speed.id()).min()).isEqualTo(10.0);
        props.refresh(target.model);
        assertThat(min.getValue()).isEqualTo(10.0);
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Edit Minimum of “Speed”");
    }

    @Test
    void aRefusalNamingAnotherFieldSaysWhichOne() {
        props.select(List.of(NodeRef.tag(speed.id())));
        props.row("max").commitText("-5");
        assertThat(props.row("max").errorProperty().get()).isEqualTo("Minimum: min 0.0 is greater than max -5.0");
    }

    @Test
    void bulkEditShowsCommonValuesAndSetsAllSelectedTags() {
        props.select(List.of(NodeRef.tag(speed.id()), NodeRef.tag(current.id())));
        assertThat(props.row("name")).as("names are not bulk-edited").isNull();
        assertThat(props.row("units").isMixed()).isTrue();
        assertThat(props.row("type").getValue()).isEqualTo(ValueType.DOUBLE);
        props.row("deadband").commitText("0.5");
        assertThat(target.model.tag(speed.id()).deadband()).isEqualTo(0.5);
        assertThat(target.model.tag(current.id()).deadband()).isEqualTo(0.5);
        assertThat(target.edits).as("one edit, one undo step").isEqualTo(1);
        editor.undo();
        assertThat(target.model.tag(current.id()).deadband()).isZero();
    }

    @Test
    void objectsAndTagsTogetherHaveNothingToEdit() {
        props.select(List.of(NodeRef.tag(speed.id()), NodeRef.object(pump.id())));
        assertThat(props.rows()).isEmpty();
        assertThat(props.titleProperty().get()).contains("one kind");
    }

    @Test
    void aDeletedItemLeavesTheSelection() {
        props.select(List.of(NodeRef.tag(speed.id())));
        editor.apply("delete", TreeOps.delete(target.model, List.of(NodeRef.tag(speed.id()))));
        props.refresh(target.model);
        assertThat(props.rows()).isEmpty();
    }
}
