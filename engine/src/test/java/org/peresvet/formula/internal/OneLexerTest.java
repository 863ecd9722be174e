package org.peresvet.formula.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.formula.FormulaException;
import org.peresvet.formula.FormulaTokens;

/**
 * The editor's highlighting ({@link FormulaTokens}) and the compiler's parser read formulas with
 * one scanner: fed the same corpus, the parser sees exactly the highlighted tokens at the same
 * places, and where it refuses a formula the editor shows a token starting there.
 */
class OneLexerTest {
    static final List<String> CORPUS = List.of(
            "1 + 2 * 3",
            "{/Station/Tank/Level} * 2.5e-3 // litres",
            "if({Level} > 3, 'high', \"low\")",
            "not {A} && {B} || !{C}",
            "x <> 1 and y = 2",
            "max( {a}, {b} ,\n  {c})^2 % 7",
            ".5 + 10. - 1E+3",
            "'it\\'s' + \"tab\\there\"",
            "// only a comment\n42",
            "{ Pump/Speed }  >=  ( 1 + -2 )",
            "true or false",
            "név + 1",
            // refused by the parser, shown by the editor
            "1 + @",
            "'not closed",
            "{Level",
            "{ }",
            "2abc",
            "1.2.3",
            "3 +\n  \"open\n1",
            "a # b");

    @Test
    void theParserReadsTheTokensTheEditorHighlights() {
        for (String f : CORPUS) {
            List<FormulaTokens.Token> shown = FormulaTokens.of(f).stream()
                    .filter(t -> t.kind() != FormulaTokens.Kind.COMMENT).toList();
            List<String> parsed;
            try {
                parsed = Parser.describeTokens(f);
            } catch (FormulaException e) {
                int at = FormulaTokens.offsetOf(f, e.line(), e.column());
                assertThat(shown).as("%s: refused at %d:%d (%s), where the editor shows a token", f, e.line(), e.column(), e.reason())
                        .anySatisfy(t -> assertThat(t.start()).isEqualTo(at));
                continue;
            }
            assertThat(parsed).as(f).hasSize(shown.size() + 1).last().asString().startsWith("END");
            for (int i = 0; i < shown.size(); i++) {
                String[] p = parsed.get(i).split(" ", 3);
                String[] lc = p[1].split(":");
                int offset = FormulaTokens.offsetOf(f, Integer.parseInt(lc[0]), Integer.parseInt(lc[1]));
                assertThat(offset).as("%s: token %d (%s)", f, i, parsed.get(i)).isEqualTo(shown.get(i).start());
            }
        }
    }

    @Test
    void everyFormulaOfTheCorpusThatScansCleanlyParsesOrFailsInTheParserProper() {
        assertThat(Parser.parse("{/Station/Tank/Level} * 2.5e-3 // litres")).isNotNull();
        assertThat(Parser.describeTokens("'it\\'s'")).first().asString().isEqualTo("STRING 1:1 it's");
        assertThat(Parser.describeTokens("x <> 1 && !y")).extracting(s -> s.split(" ", 3)[2])
                .containsExactly("x", "!=", "1", "and", "not", "y", "");
    }
}
