package org.peresvet.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.formula.FormulaTokens.Kind;
import org.peresvet.model.MethodDef;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** What the formula editor asks of the engine: tokens, the function catalogue, positioned problems, cycles. */
class FormulaEditorSupportTest {
    private final ObjectDef plant = ObjectDef.create(null, "Plant");
    private final ObjectDef a = ObjectDef.create(plant.id(), "A");
    private final TagDef level = TagDef.builder(a.id(), "Level", ValueType.DOUBLE).build();
    private final TagDef running = TagDef.builder(a.id(), "Running", ValueType.BOOL).build();
    private final TagDef x = TagDef.builder(a.id(), "x", ValueType.DOUBLE).formula("{Level} * 2").build();
    private final TagDef y = TagDef.builder(a.id(), "y", ValueType.DOUBLE).formula("{x} + 1").build();
    private final ModelSnapshot model = ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(plant),
            new ModelEdit.PutObject(a), new ModelEdit.PutTag(level), new ModelEdit.PutTag(running),
            new ModelEdit.PutTag(x), new ModelEdit.PutTag(y))).snapshot();

    private static List<Kind> kinds(String text) {
        return FormulaTokens.of(text).stream().map(FormulaTokens.Token::kind).toList();
    }

    @Test
    void tokensCoverEveryKindWithOffsets() {
        String f = "max({Level}, 2.5e1) > 3 and not \"a\" // note";
        List<FormulaTokens.Token> t = FormulaTokens.of(f);
        assertThat(kinds(f)).containsExactly(Kind.FUNCTION, Kind.PAREN, Kind.TAG, Kind.COMMA, Kind.NUMBER, Kind.PAREN,
                Kind.OPERATOR, Kind.NUMBER, Kind.KEYWORD, Kind.KEYWORD, Kind.STRING, Kind.COMMENT);
        assertThat(t.get(2).text()).isEqualTo("{Level}");
        assertThat(t.get(2).start()).isEqualTo(4);
        assertThat(t.get(4).text()).isEqualTo("2.5e1");
        assertThat(t.get(11).text()).isEqualTo("// note");
    }

    @Test
    void incompleteTextStillTokenizes() {
        assertThat(kinds("{Lev")).containsExactly(Kind.TAG);
        assertThat(kinds("\"open\n1")).containsExactly(Kind.STRING, Kind.NUMBER);
        assertThat(kinds("1 # 2")).containsExactly(Kind.NUMBER, Kind.ERROR, Kind.NUMBER);
        assertThat(FormulaTokens.of("")).isEmpty();
        assertThat(FormulaTokens.of(null)).isEmpty();
    }

    @Test
    void parenthesesMatchIgnoringStringsAndComments() {
        String f = "max((1), \")\", 2)";
        assertThat(FormulaTokens.matchingParen(f, 3)).isEqualTo(f.length() - 1);
        assertThat(FormulaTokens.matchingParen(f, f.length() - 1)).isEqualTo(3);
        assertThat(FormulaTokens.matchingParen(f, 4)).isEqualTo(6);
        assertThat(FormulaTokens.matchingParen("(1", 0)).isEqualTo(-1);
        assertThat(FormulaTokens.matchingParen("1+2", 1)).isEqualTo(-1);
    }

    @Test
    void theCatalogueDescribesEveryBuiltin() {
        List<FunctionCatalogue.Entry> all = FunctionCatalogue.of(FunctionRegistry.standard());
        assertThat(all).extracting(FunctionCatalogue.Entry::name).contains("max", "totalizer", "if");
        assertThat(all).allSatisfy(e -> assertThat(e.description()).as(e.name()).isNotBlank());
        FunctionCatalogue.Entry integral = all.stream().filter(e -> e.name().equals("integral")).findFirst().orElseThrow();
        assertThat(integral.signature()).isEqualTo("integral(x)");
        assertThat(integral.stateful()).isTrue();
    }

    @Test
    void aSyntaxErrorIsPlacedOnItsToken() {
        var d = FormulaDiagnostics.forTag("{Level} * * 2", model, x, FormulaDependencies.of(model));
        assertThat(d.ok()).isFalse();
        assertThat(d.problem().column()).isEqualTo(11);
        assertThat(d.problem().offset()).isEqualTo(10);
        assertThat(d.problem().length()).isEqualTo(1);
        assertThat(d.problem().message()).contains("expected a value");
    }

    @Test
    void anUnknownTagSuggestsTheClosestNames() {
        var d = FormulaDiagnostics.forTag("1 + {Levl}", model, x, FormulaDependencies.of(model));
        assertThat(d.problem().offset()).isEqualTo(4);
        assertThat(d.problem().length()).isEqualTo("{Levl}".length());
        assertThat(d.problem().message()).contains("unknown tag {/Plant/A/Levl}");
        assertThat(d.problem().suggestions()).first().isEqualTo("/Plant/A/Level");
    }

    @Test
    void aWouldBeCycleIsNamedWithItsPath() {
        var d = FormulaDiagnostics.forTag("{Level} + {y}", model, x, FormulaDependencies.of(model));
        assertThat(d.ok()).isFalse();
        assertThat(d.problem().cycle()).containsExactly("/Plant/A/x", "/Plant/A/y", "/Plant/A/x");
        assertThat(d.problem().message()).startsWith("cycle: /Plant/A/x → /Plant/A/y → /Plant/A/x");
        assertThat(d.problem().offset()).isEqualTo("{Level} + ".length());
        var self = FormulaDiagnostics.forTag("{x}", model, x, FormulaDependencies.of(model));
        assertThat(self.problem().cycle()).containsExactly("/Plant/A/x", "/Plant/A/x");
    }

    @Test
    void aResultThatDoesNotFitTheTagIsRefused() {
        var d = FormulaDiagnostics.forTag("\"level \" + {Level}", model, x, FormulaDependencies.of(model));
        assertThat(d.problem().message()).contains("the formula gives a string but the tag is a double tag");
        var ok = FormulaDiagnostics.forTag("{Level} * 3", model, x, FormulaDependencies.of(model));
        assertThat(ok.ok()).isTrue();
        assertThat(ok.formula().inputs()).extracting(TagRef::path).containsExactly("/Plant/A/Level");
    }

    @Test
    void dependenciesKnowReadersAndMethods() {
        MethodDef m = MethodDef.write("copy", a.id(), "Level", "{x} / 2", List.of(MethodDef.Initiator.tag("x", null)));
        ModelSnapshot withMethod = model.apply(List.of(new ModelEdit.PutMethod(m))).snapshot();
        FormulaDependencies deps = FormulaDependencies.of(withMethod);
        assertThat(deps.tagsReading(level.id())).containsExactly(x.id());
        assertThat(deps.allTagsReading(level.id())).containsExactly(x.id(), y.id());
        assertThat(deps.methodsReading(x.id())).extracting(MethodDef::name).containsExactly("copy");
        var md = FormulaDiagnostics.forMethod("\"t\" + {x}", withMethod, m);
        assertThat(md.problem().message()).contains("the tag is a double tag");
        assertThat(FormulaDiagnostics.forMethod("{x} + {Level}", withMethod, m).ok()).isTrue();
    }

    @Test
    void closestTagsRankTheSameLeafFirst() {
        List<String> paths = List.of("/Plant/A/Level", "/Plant/B/Level", "/Plant/A/Lever", "/Other/Thing");
        assertThat(FormulaDiagnostics.closestTags("/Plant/C/Level", paths, 2))
                .containsExactly("/Plant/A/Level", "/Plant/B/Level");
        assertThat(FormulaDiagnostics.closestTags("/zzzzzzzz/qqq", paths, 3)).isEmpty();
    }
}
