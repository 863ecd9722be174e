package org.peresvet.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Syntax, precedence, type checking and error positions. */
class FormulaParserTest {
    private final FormulaFixture fx = new FormulaFixture();

    private FormulaException error(String text) {
        try {
            fx.compile(text);
        } catch (FormulaException e) {
            return e;
        }
        throw new AssertionError("expected an error for " + text);
    }

    @Test
    void precedenceAndAssociativity() {
        assertThat(fx.value("1 + 2 * 3")).isEqualTo(7.0);
        assertThat(fx.value("(1 + 2) * 3")).isEqualTo(9.0);
        assertThat(fx.value("2 ^ 3 ^ 2")).isEqualTo(512.0);
        assertThat(fx.value("-2 ^ 2")).isEqualTo(-4.0);
        assertThat(fx.value("10 - 4 - 3")).isEqualTo(3.0);
        assertThat(fx.value("7 % 4 + 8 / 2")).isEqualTo(7.0);
        assertThat(fx.value("1 < 2 and 3 > 2 or false")).isEqualTo(true);
        assertThat(fx.value("not 1 > 2")).isEqualTo(true);
        assertThat(fx.value("1.5e2 + .5")).isEqualTo(150.5);
        assertThat(fx.value("1 = 1 and 1 <> 2 && !(2 != 2)")).isEqualTo(true);
    }

    @Test
    void stringsBooleansAndComments() {
        assertThat(fx.value("\"pump \" + 2")).isEqualTo("pump 2");
        assertThat(fx.value("'a\\'b' == \"a'b\"")).isEqualTo(true);
        assertThat(fx.value("\"abc\" < \"abd\"")).isEqualTo(true);
        assertThat(fx.value("true + true")).isEqualTo(2.0);
        assertThat(fx.value("1 + // one\n 2 // two")).isEqualTo(3.0);
    }

    @Test
    void tagReferencesAbsoluteAndRelative() {
        fx.set("/Station/Tank/Level", 2.0).set("/Station/Pump1/Running", true).set("/a", 4L);
        assertThat(fx.value("{/Station/Tank/Level} * 2")).isEqualTo(4.0);
        assertThat(fx.value("{Level} + {./Level}")).isEqualTo(4.0);
        assertThat(fx.value("if({../Pump1/Running}, {Level}, 0)")).isEqualTo(2.0);
        assertThat(fx.value("{/a} / 8")).isEqualTo(0.5);
        CompiledFormula f = fx.compile("{Level} + {/Station/Tank/Level} + {../Pump1/Running}");
        assertThat(f.inputs()).extracting(TagRef::path).containsExactly("/Station/Tank/Level", "/Station/Pump1/Running");
        assertThat(f.type()).isEqualTo(FormulaType.NUMBER);
    }

    @Test
    void unknownTagSuggestsTheClosestPath() {
        FormulaException e = error("1 +\n  {/Station/Tank/Levl}");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("unknown tag {/Station/Tank/Levl} — did you mean {/Station/Tank/Level}?");
        assertThat(e.getMessage()).startsWith("line 2, column 3: unknown tag");
        assertThat(error("{Levle}").reason()).contains("unknown tag {/Station/Tank/Levle} (relative to /Station/Tank)")
                .contains("did you mean {/Station/Tank/Level}?");
        assertThat(error("{/Nothing/Like/It}").reason()).isEqualTo("unknown tag {/Nothing/Like/It}");
        assertThat(error("{../../../x}").reason()).contains("goes above the root");
        assertThat(error("{/Station/Config}").reason()).contains("json tag");
    }

    @Test
    void syntaxErrorsCarryPositions() {
        FormulaException e = error("1 + * 2");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.reason()).contains("expected a value but found '*'");

        e = error("max(1, 2");
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.reason()).contains("expected ')'").contains("the end of the formula");

        e = error("(1 + 2");
        assertThat(e.reason()).contains("parenthesis opened at line 1, column 1");

        e = error("1 2");
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.reason()).contains("missing operator");

        assertThat(error("{Level").reason()).contains("not closed");
        assertThat(error("\"abc").reason()).contains("string is not closed");
        assertThat(error("1 $ 2").column()).isEqualTo(3);
        assertThat(error("").reason()).contains("empty");
        assertThat(error("Level + 1").reason()).contains("braces, e.g. {Level}");
        assertThat(error("1 < 2 < 3").reason()).contains("cannot be chained");
        assertThat(error("{}").reason()).contains("empty tag reference");
        assertThat(error("(".repeat(5000) + "1" + ")".repeat(5000)).reason()).contains("nests deeper than 100 levels");
        assertThat(error("-".repeat(5000) + "1").reason()).contains("nests deeper");
        assertThat(error("not ".repeat(5000) + "true").reason()).contains("nests deeper");
        assertThat(fx.value("(".repeat(50) + "1" + ")".repeat(50))).isEqualTo(1.0);
        assertThat(fx.value("1" + " + 1".repeat(2000))).isEqualTo(2001.0); // long, flat: fine
    }

    @Test
    void typeErrors() {
        FormulaException e = error("{Level} + 1 and true");
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.reason()).contains("'and' needs booleans, found a number on the left");
        assertThat(error("if({Level}, 1, 2)").reason()).contains("condition must be a boolean").contains("compare it");
        assertThat(error("if(true, 1, \"x\")").reason()).contains("same type");
        assertThat(error("\"a\" * 2").reason()).contains("'*' needs numbers, found a string on the left");
        assertThat(error("\"a\" < 2").reason()).contains("cannot compare a string with a number");
        assertThat(error("not 1").reason()).contains("'not' needs a boolean");
        assertThat(error("abs(1, 2)").reason()).isEqualTo("abs(): expects 1 argument, found 2 — usage: abs(x)");
        assertThat(error("clamp(1, \"a\", 3)").reason()).contains("argument 2 must be a number");
        assertThat(error("-\"a\"").reason()).contains("needs a number");
    }

    @Test
    void unknownFunctionSuggestsAName() {
        FormulaException e = error("2 * mx(1, 2)");
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.reason()).isEqualTo("unknown function mx() — did you mean max()?");
        assertThat(error("valueor({a}, 1)").reason()).contains("did you mean valueOr()?");
    }

    @Test
    void registeredFunctionsAreCallable() {
        FunctionRegistry reg = FunctionRegistry.withBuiltins().register(new FormulaFunction() {
            @Override
            public String name() {
                return "twice";
            }

            @Override
            public String usage() {
                return "twice(x)";
            }

            @Override
            public FormulaType resultType(java.util.List<FormulaType> args) {
                return FormulaType.NUMBER;
            }

            @Override
            public Object apply(Arguments args) {
                return 2 * args.number(0);
            }
        });
        FormulaContext ctx = new FormulaContext() {
            @Override
            public String basePath() {
                return "/";
            }

            @Override
            public Resolved tag(String absolutePath) {
                return null;
            }

            @Override
            public java.util.Collection<String> tagPaths() {
                return java.util.List.of();
            }

            @Override
            public FunctionRegistry functions() {
                return reg;
            }
        };
        assertThat(Formulas.compile("twice(21) + 0", ctx).evaluate(s -> null, 0).y()).isEqualTo(42.0);
        assertThatThrownBy(() -> fx.compile("twice(1)")).isInstanceOf(FormulaException.class);
    }
}
