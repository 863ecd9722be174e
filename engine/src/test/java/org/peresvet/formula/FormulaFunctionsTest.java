package org.peresvet.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;

/** Every stateless function, quality propagation and runtime errors. */
class FormulaFunctionsTest {
    private final FormulaFixture fx = new FormulaFixture();

    @Test
    void arithmetic() {
        assertThat(fx.value("abs(-3)")).isEqualTo(3.0);
        assertThat(fx.value("min(4, 2, 8)")).isEqualTo(2.0);
        assertThat(fx.value("max(4, 2, 8)")).isEqualTo(8.0);
        assertThat(fx.value("round(2.5)")).isEqualTo(3.0);
        assertThat(fx.value("round(3.14159, 2)")).isEqualTo(3.14);
        assertThat(fx.value("floor(-1.5)")).isEqualTo(-2.0);
        assertThat(fx.value("ceil(1.2)")).isEqualTo(2.0);
        assertThat(fx.value("sqrt(16)")).isEqualTo(4.0);
        assertThat(fx.value("pow(2, 10)")).isEqualTo(1024.0);
        assertThat((Double) fx.value("exp(1)")).isCloseTo(Math.E, within(1e-12));
        assertThat((Double) fx.value("ln(exp(2))")).isCloseTo(2.0, within(1e-12));
        assertThat(fx.value("log10(1000)")).isEqualTo(3.0);
        assertThat(fx.value("clamp(12, 0, 10)")).isEqualTo(10.0);
        assertThat(fx.value("clamp(-1, 0, 10)")).isEqualTo(0.0);
        assertThat(fx.value("clamp(5, 0, 10)")).isEqualTo(5.0);
        assertThat(fx.value("sum(1, 2, 3)")).isEqualTo(6.0);
        assertThat(fx.value("avg(1, 2, 6)")).isEqualTo(3.0);
        assertThat(fx.value("if(2 > 1, \"yes\", \"no\")")).isEqualTo("yes");
        assertThat(fx.value("if(false, 1, true)")).isEqualTo(0.0 + 1);
    }

    @Test
    void countCountsGoodValuesAndTrueBooleans() {
        fx.set("/Station/Pump1/Running", true).set("/Station/Pump2/Running", false);
        assertThat(fx.value("count({/Station/Pump1/Running}, {/Station/Pump2/Running})")).isEqualTo(1.0);
        fx.set("/a", 1.0).set("/b", null, Quality.CONNECTION_LOST);
        assertThat(fx.value("count({/a}, {/b}, {/c})")).isEqualTo(1.0);
    }

    @Test
    void badInputsMakeTheResultBadUnlessHandled() {
        fx.set("/a", 1.0).set("/b", null, Quality.CONNECTION_LOST);
        Sample s = fx.eval("{/a} + {/b}");
        assertThat(s.q()).isEqualTo(Quality.CONNECTION_LOST);
        assertThat(s.y()).isNull();
        assertThat(fx.eval("{/a} + {/c}").q()).isEqualTo(Quality.BAD_DATA); // never had a value
        assertThat(fx.value("valueOr({/b}, 7) + {/a}")).isEqualTo(8.0);
        assertThat(fx.value("valueOr({/a}, 7)")).isEqualTo(1.0);
        assertThat(fx.value("isGood({/b})")).isEqualTo(false);
        assertThat(fx.value("isGood({/a})")).isEqualTo(true);
        assertThat(fx.value("quality({/b})")).isEqualTo(100.0);
        assertThat(fx.value("quality({/a})")).isEqualTo(0.0);
        assertThat(fx.value("if(isGood({/b}), {/b}, -1)")).isEqualTo(-1.0);
        assertThat(fx.value("valueOr({/a} / 0, 5)")).isEqualTo(5.0);
    }

    @Test
    void runtimeErrorsGiveQuality103WithAReason() {
        fx.set("/a", 1.0).set("/b", 0.0);
        CompiledFormula f = fx.compile("{/a} / {/b}");
        FormulaState st = f.newState();
        Sample s = f.evaluate(fx.source(f), st, 5);
        assertThat(s).isEqualTo(new Sample(5, null, Quality.BAD_DATA));
        assertThat(st.lastError()).isEqualTo("division by zero");
        assertThat(fx.eval("{/a} % {/b}").q()).isEqualTo(Quality.BAD_DATA);
        f = fx.compile("sqrt(-{/a})");
        st = f.newState();
        assertThat(f.evaluate(fx.source(f), st, 5).q()).isEqualTo(Quality.BAD_DATA);
        assertThat(st.lastError()).contains("not a finite number");
        fx.set("/b", 2.0);
        f = fx.compile("{/a} / {/b}");
        st = f.newState();
        assertThat(f.evaluate(fx.source(f), st, 5).y()).isEqualTo(0.5);
        assertThat(st.lastError()).isNull();
    }

    @Test
    void timeFunctionsUseTheEvaluationTimeInTheZone() {
        fx.time = Micros.of(ZonedDateTime.of(2026, 3, 4, 13, 45, 30, 0, ZoneOffset.UTC).toInstant()); // a Wednesday
        assertThat(fx.value("hour()")).isEqualTo(13.0);
        assertThat(fx.value("minute()")).isEqualTo(45.0);
        assertThat(fx.value("second()")).isEqualTo(30.0);
        assertThat(fx.value("dayOfWeek()")).isEqualTo(3.0);
        assertThat(fx.value("day()")).isEqualTo(4.0);
        assertThat(fx.value("month()")).isEqualTo(3.0);
        assertThat(fx.value("now()")).isEqualTo(fx.time / 1e6);
    }

    @Test
    void numbersBooleansAndStringsReachTheTagType() {
        assertThat(Formulas.toTagValue(2.6, org.peresvet.model.ValueType.INT)).isEqualTo(3L);
        assertThat(Formulas.toTagValue(true, org.peresvet.model.ValueType.DOUBLE)).isEqualTo(1.0);
        assertThat(Formulas.toTagValue(2.0, org.peresvet.model.ValueType.STRING)).isEqualTo("2");
        assertThat(Formulas.incompatibility(FormulaType.NUMBER, org.peresvet.model.ValueType.BOOL)).contains("compare it");
        assertThat(Formulas.incompatibility(FormulaType.BOOL, org.peresvet.model.ValueType.DOUBLE)).isNull();
        assertThat(Formulas.incompatibility(FormulaType.STRING, org.peresvet.model.ValueType.INT)).isNotNull();
    }
}
