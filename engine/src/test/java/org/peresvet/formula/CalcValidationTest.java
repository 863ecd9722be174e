package org.peresvet.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.model.CalcTrigger;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelException;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** Formulas are checked when the model is edited: syntax, unknown tags, types, cycles. */
class CalcValidationTest {
    private final ObjectDef plant = ObjectDef.create(null, "Plant");
    private final ObjectDef a = ObjectDef.create(plant.id(), "A");
    private final TagDef in = TagDef.builder(a.id(), "in", ValueType.DOUBLE).build();
    private final ModelSnapshot base = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(plant),
            new ModelEdit.PutObject(a), new ModelEdit.PutTag(in))).snapshot();

    private TagDef calc(String name, String formula) {
        return TagDef.builder(a.id(), name, ValueType.DOUBLE).formula(formula).build();
    }

    private ModelException refused(ModelSnapshot m, TagDef... tags) {
        List<ModelEdit> edits = java.util.Arrays.stream(tags).map(t -> (ModelEdit) new ModelEdit.PutTag(t)).toList();
        try {
            m.apply(edits);
        } catch (ModelException e) {
            return e;
        }
        throw new AssertionError("expected the edit to be refused");
    }

    @Test
    void aValidFormulaIsAccepted() {
        ModelSnapshot m = base.apply(List.of(new ModelEdit.PutTag(calc("x", "{in} * 2")))).snapshot();
        assertThat(m.findTag("/Plant/A/x").orElseThrow().formula()).isEqualTo("{in} * 2");
    }

    @Test
    void syntaxAndUnknownTagsAreRefusedWithTheirPlace() {
        ModelException e = refused(base, calc("x", "{in} *"));
        assertThat(e.where()).isEqualTo("/Plant/A/x");
        assertThat(e.field()).isEqualTo("formula");
        assertThat(e.reason()).startsWith("line 1, column 7:");
        e = refused(base, calc("x", "{/Plant/A/inn} + 1"));
        assertThat(e.reason()).isEqualTo("line 1, column 1: unknown tag {/Plant/A/inn} — did you mean {/Plant/A/in}?");
    }

    @Test
    void theResultMustFitTheTagType() {
        TagDef flag = TagDef.builder(a.id(), "flag", ValueType.BOOL).formula("{in} * 2").build();
        assertThat(refused(base, flag).reason()).contains("the formula gives a number but the tag is a bool tag");
        TagDef text = TagDef.builder(a.id(), "text", ValueType.STRING).formula("\"level \" + {in}").build();
        assertThat(base.apply(List.of(new ModelEdit.PutTag(text))).snapshot().tagCount()).isEqualTo(2);
    }

    @Test
    void cyclesAreRefusedNamingThePath() {
        TagDef x = calc("x", "{y} + 1");
        TagDef y = calc("y", "{x} + {in}");
        ModelException e = refused(base, x, y);
        assertThat(e.reason()).contains("cycle: /Plant/A/x → /Plant/A/y → /Plant/A/x");
        assertThat(refused(base, calc("self", "{self} + 1")).reason()).contains("cycle: /Plant/A/self → /Plant/A/self");
        // A longer loop, closed by the last edit.
        ModelSnapshot m = base.apply(List.of(new ModelEdit.PutTag(calc("p", "{in}")), new ModelEdit.PutTag(calc("q", "{p}")),
                new ModelEdit.PutTag(calc("r", "{q}")))).snapshot();
        TagDef p2 = m.findTag("/Plant/A/p").orElseThrow().toBuilder().formula("{r} + {in}").build();
        assertThat(refused(m, p2).reason()).contains("cycle: /Plant/A/p → /Plant/A/r → /Plant/A/q → /Plant/A/p");
    }

    @Test
    void deletingOrRenamingAnInputIsRefusedWhileAFormulaReadsIt() {
        ModelSnapshot m = base.apply(List.of(new ModelEdit.PutTag(calc("x", "{in} * 2")))).snapshot();
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.DeleteTag(in.id()))))
                .isInstanceOf(ModelException.class).hasMessageContaining("/Plant/A/x: formula: line 1, column 1: unknown tag");
        assertThatThrownBy(() -> m.apply(List.of(new ModelEdit.PutTag(in.toBuilder().name("inp").build()))))
                .hasMessageContaining("did you mean {/Plant/A/inp}?");
    }

    @Test
    void triggersAreChecked() {
        assertThat(refused(base, calc("x", "{in}").toBuilder().trigger(CalcTrigger.every(10)).build()).field()).isEqualTo("trigger");
        assertThat(CalcTrigger.parse("every 5s")).isEqualTo(CalcTrigger.every(5000));
        assertThat(CalcTrigger.parse("every 250ms").toString()).isEqualTo("every 250ms");
        assertThat(CalcTrigger.parse(null)).isEqualTo(CalcTrigger.CHANGE);
        assertThatThrownBy(() -> CalcTrigger.parse("sometimes")).hasMessageContaining("expected change, every");
    }
}
