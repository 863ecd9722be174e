package org.peresvet.app.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peresvet.app.common.MemoryTarget;
import org.peresvet.app.common.ModelEditor;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.ConnectorDef;
import org.peresvet.model.DocumentDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.security.Permission;
import org.peresvet.security.ReasonRequiredException;
import org.peresvet.security.ReasonRule;

/** Edits, refusals, undo and redo through the editor, with no toolkit and inline executors. */
class ModelEditorTest {
    private MemoryTarget target;
    private ModelEditor editor;
    private ObjectDef station;
    private ObjectDef pump1;
    private ObjectDef pump2;
    private TagDef speed;

    @BeforeEach
    void setUp() {
        station = ObjectDef.create(null, "Station");
        pump1 = ObjectDef.create(station.id(), "Pump1");
        pump2 = ObjectDef.create(station.id(), "Pump2");
        speed = TagDef.builder(pump1.id(), "Speed", ValueType.DOUBLE).units("%").min(0.0).max(100.0).build();
        ModelSnapshot m = ModelSnapshot.of(List.of(station, pump1, pump2), List.of(speed));
        target = new MemoryTarget(m);
        editor = new ModelEditor(target, Runnable::run, Runnable::run);
    }

    @Test
    void anInvalidEditIsRefusedAtOnceWithTheFieldAndChangesNothing() {
        ModelSnapshot before = target.model;
        TagDef bad = speed.toBuilder().min(200.0).build();
        assertThatThrownBy(() -> editor.apply("edit", List.of(new ModelEdit.PutTag(bad))))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.field()).isEqualTo("min");
                    assertThat(e.reason()).contains("greater than max");
                });
        assertThat(target.model).isSameAs(before);
        assertThat(target.edits).isZero();
        assertThat(editor.canUndoProperty().get()).isFalse();
    }

    /** Refuses every edit that gives no reason, as the engine does under a "reason required" rule. */
    private static final class ReasonTarget implements ModelEditor.Target {
        final MemoryTarget inner;
        final List<String> reasons = new ArrayList<>();

        ReasonTarget(MemoryTarget inner) {
            this.inner = inner;
        }

        @Override
        public ModelSnapshot model() {
            return inner.model();
        }

        @Override
        public ModelSnapshot.Change edit(List<ModelEdit> edits) {
            throw new ReasonRequiredException(new ReasonRule(Permission.EDIT_MODEL, null), "a reason is required");
        }

        @Override
        public ModelSnapshot.Change edit(List<ModelEdit> edits, String reason) {
            reasons.add(reason);
            return inner.edit(edits);
        }
    }

    @Test
    void anEditRefusedForWantOfAReasonAsksOnceAndIsSentAgainWithIt() {
        ReasonTarget t = new ReasonTarget(target);
        ModelEditor e = new ModelEditor(t, Runnable::run, Runnable::run);
        // Nobody to ask (or the person cancels): refused, nothing changed, nothing to undo.
        var refused = e.apply("Rename", TreeOps.rename(target.model, NodeRef.tag(speed.id()), "Rpm"));
        assertThat(refused).isCompletedExceptionally();
        assertThat(target.model.tag(speed.id()).name()).isEqualTo("Speed");
        assertThat(e.canUndoProperty().get()).isFalse();
        assertThat(e.busyProperty().get()).isFalse();

        List<String> asked = new ArrayList<>();
        e.askReasonWith(step -> why -> {
            asked.add(step + ": " + why.describe());
            return Optional.of("per P&ID rev 3");
        });
        var done = e.apply("Rename", TreeOps.rename(target.model, NodeRef.tag(speed.id()), "Rpm"));
        assertThat(done).isCompleted();
        assertThat(asked).containsExactly("Rename: EDIT_MODEL");
        assertThat(t.reasons).containsExactly("per P&ID rev 3");
        assertThat(target.model.tag(speed.id()).name()).isEqualTo("Rpm");
        assertThat(e.undoLabelProperty().get()).isEqualTo("Rename");
        assertThat(e.busyProperty().get()).isFalse();
    }

    @Test
    void undoAndRedoOfARename() {
        editor.apply("Rename", TreeOps.rename(target.model, NodeRef.tag(speed.id()), "Rpm"));
        assertThat(target.model.tag(speed.id()).name()).isEqualTo("Rpm");
        assertThat(editor.undoLabelProperty().get()).isEqualTo("Rename");
        editor.undo();
        assertThat(target.model.tag(speed.id()).name()).isEqualTo("Speed");
        assertThat(editor.canRedoProperty().get()).isTrue();
        editor.redo();
        assertThat(target.model.tag(speed.id()).name()).isEqualTo("Rpm");
        assertThat(editor.canRedoProperty().get()).isFalse();
    }

    @Test
    void undoOfADeleteRestoresTheWholeSubtreeWithTheSameIds() {
        TagDef current = TagDef.builder(pump1.id(), "Current", ValueType.DOUBLE).build();
        ObjectDef motor = ObjectDef.create(pump1.id(), "Motor");
        TagDef temp = TagDef.builder(motor.id(), "Temp", ValueType.INT).build();
        editor.apply("add", List.of(new ModelEdit.PutTag(current), new ModelEdit.PutObject(motor), new ModelEdit.PutTag(temp)));
        ModelSnapshot full = target.model;
        editor.apply("Delete", TreeOps.delete(full, List.of(NodeRef.object(pump1.id()))));
        assertThat(target.model.object(pump1.id())).isNull();
        assertThat(target.model.tagCount()).isZero();
        editor.undo();
        assertThat(target.model.object(motor.id())).isEqualTo(motor);
        assertThat(target.model.tag(temp.id())).isEqualTo(temp);
        assertThat(target.model.tag(speed.id())).isEqualTo(speed);
        assertThat(target.model.tagCount()).isEqualTo(full.tagCount());
        editor.redo();
        assertThat(target.model.objectCount()).isEqualTo(2);
    }

    @Test
    void undoOfAMoveAndOfACopy() {
        editor.apply("Move", TreeOps.move(target.model, List.of(NodeRef.tag(speed.id())), pump2.id()));
        assertThat(target.model.tag(speed.id()).objectId()).isEqualTo(pump2.id());
        editor.undo();
        assertThat(target.model.tag(speed.id()).objectId()).isEqualTo(pump1.id());

        List<ModelEdit> copy = TreeOps.copy(target.model, List.of(NodeRef.object(pump1.id())), target.model, station.id());
        editor.apply("Paste", copy);
        ObjectDef pasted = target.model.findObject("/Station/Pump1 (copy)").orElseThrow();
        assertThat(pasted.id()).isNotEqualTo(pump1.id());
        TagDef pastedSpeed = target.model.findTag("/Station/Pump1 (copy)/Speed").orElseThrow();
        assertThat(pastedSpeed.id()).isNotEqualTo(speed.id());
        assertThat(pastedSpeed.units()).isEqualTo("%");
        editor.undo();
        assertThat(target.model.object(pasted.id())).isNull();
        assertThat(target.model.tagCount()).isEqualTo(1);
    }

    @Test
    void movingAnObjectIntoItsOwnSubtreeIsRefused() {
        assertThatThrownBy(() -> TreeOps.move(target.model, List.of(NodeRef.object(station.id())), pump1.id()))
                .isInstanceOf(ModelException.class).hasMessageContaining("own subtree");
    }

    @Test
    void aNameClashOnMoveIsRefusedWithTheReason() {
        TagDef other = TagDef.builder(pump2.id(), "Speed", ValueType.DOUBLE).build();
        editor.apply("add", List.of(new ModelEdit.PutTag(other)));
        assertThatThrownBy(() -> editor.apply("Move", TreeOps.move(target.model, List.of(NodeRef.tag(speed.id())), pump2.id())))
                .isInstanceOf(ModelException.class).hasMessageContaining("already exists");
    }

    @Test
    void aNewEditClearsRedoAndSwapsAreUndoneInOrder() {
        ModelSnapshot m = target.model;
        // Swap two names in one step: the inverse must retrace it step by step to stay valid.
        List<ModelEdit> swap = List.of(
                new ModelEdit.PutObject(pump1.withName("tmp")),
                new ModelEdit.PutObject(pump2.withName("Pump1")),
                new ModelEdit.PutObject(pump1.withName("Pump2")));
        editor.apply("swap", swap);
        assertThat(target.model.findObject("/Station/Pump1").orElseThrow().id()).isEqualTo(pump2.id());
        editor.undo();
        assertThat(target.model.object(pump1.id())).isEqualTo(m.object(pump1.id()));
        assertThat(target.model.object(pump2.id())).isEqualTo(m.object(pump2.id()));
        ObjectDef fresh = TreeOps.newObject(target.model, station.id(), "Pump1");
        assertThat(fresh.name()).isEqualTo("Pump1 2");
        editor.apply("new", List.of(new ModelEdit.PutObject(fresh)));
        assertThat(editor.canRedoProperty().get()).isFalse();
    }

    @Test
    void deleteCountsAndAffectedIdsIncludeTheSubtree() {
        List<NodeRef> sel = List.of(NodeRef.object(station.id()), NodeRef.tag(speed.id()));
        assertThat(TreeOps.topmost(target.model, sel)).containsExactly(NodeRef.object(station.id()));
        assertThat(TreeOps.deleteCounts(target.model, sel)).containsExactly(3, 1);
        assertThat(TreeOps.affectedIds(target.model, sel)).contains(speed.id(), pump2.id());
        UUID unknown = UUID.randomUUID();
        assertThat(TreeOps.topmost(target.model, List.of(NodeRef.tag(unknown)))).isEmpty();
    }

    @Test
    void undoCoversAlarmsConnectorsAndDocuments() {
        AlarmDef hi = AlarmDef.builder(speed.id(), AlarmKind.HI).limit(90.0).build();
        ConnectorDef broker = ConnectorDef.create("Broker", "mqtt", null);
        DocumentDef trend = new DocumentDef(UUID.randomUUID(), "trend", "Speeds", "{\"pens\":[]}");
        editor.apply("add", List.of(new ModelEdit.PutAlarm(hi), new ModelEdit.PutConnector(broker),
                new ModelEdit.PutDocument(trend)));
        editor.apply("change", List.of(new ModelEdit.PutAlarm(hi.toBuilder().limit(95.0).build()),
                new ModelEdit.PutDocument(trend.withName("Pump speeds")), new ModelEdit.DeleteConnector(broker.id())));
        assertThat(target.model.connectors()).isEmpty();

        editor.undo();
        assertThat(target.model.alarm(hi.id())).isEqualTo(hi);
        assertThat(target.model.document(trend.id())).contains(trend);
        assertThat(target.model.connectors()).containsExactly(broker);
        editor.undo();
        assertThat(target.model.alarmCount()).isZero();
        assertThat(target.model.documents()).isEmpty();
        assertThat(target.model.connectors()).isEmpty();
        editor.redo();
        editor.redo();
        assertThat(target.model.document(trend.id()).orElseThrow().name()).isEqualTo("Pump speeds");
        assertThat(target.model.alarm(hi.id()).limit()).isEqualTo(95.0);
    }
}
