package org.peresvet.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;

/** Stateful functions, driven by the evaluation time (a fake clock): state per formula instance. */
class FormulaStatefulTest {
    private final FormulaFixture fx = new FormulaFixture();

    /** One formula instance evaluated at chosen seconds with chosen inputs. */
    private final class Run {
        final CompiledFormula f;
        final FormulaState st;

        Run(String text) {
            f = fx.compile(text);
            st = f.newState();
        }

        Object at(double seconds, Object a) {
            fx.time = (long) (seconds * Micros.PER_SECOND);
            fx.set("/a", a);
            Sample s = f.evaluate(fx.source(f), st, fx.time);
            return s.isGood() ? s.y() : "q" + s.q();
        }
    }

    @Test
    void prevDeltaRate() {
        Run prev = new Run("prev({/a})");
        assertThat(prev.at(0, 1.0)).isEqualTo(1.0);
        assertThat(prev.at(1, 5.0)).isEqualTo(1.0);
        assertThat(prev.at(2, 7.0)).isEqualTo(5.0);

        Run delta = new Run("delta({/a})");
        assertThat(delta.at(0, 1.0)).isEqualTo(0.0);
        assertThat(delta.at(1, 4.0)).isEqualTo(3.0);
        assertThat(delta.at(2, 2.0)).isEqualTo(-2.0);

        Run rate = new Run("rate({/a})");
        assertThat(rate.at(0, 0.0)).isEqualTo(0.0);
        assertThat(rate.at(2, 10.0)).isEqualTo(5.0);
        assertThat(rate.at(2, 12.0)).isEqualTo(5.0); // no time passed: the last rate holds
        assertThat(rate.at(12, 2.0)).isEqualTo(-1.0);
    }

    @Test
    void stateIsPerInstanceAndPerCallSite() {
        Run one = new Run("delta({/a}) + 10 * delta({/a} * 2)");
        Run other = new Run("delta({/a}) + 10 * delta({/a} * 2)");
        one.at(0, 1.0);
        assertThat(one.at(1, 2.0)).isEqualTo(1.0 + 10 * 2.0);
        assertThat(other.at(1, 2.0)).isEqualTo(0.0);
        assertThat(one.f.stateful()).isTrue();
        assertThat(fx.compile("max({/a}, 1)").stateful()).isFalse();
    }

    @Test
    void integralAndTotalizerAccumulateTrapezoids() {
        Run total = new Run("integral({/a})");
        assertThat(total.at(0, 2.0)).isEqualTo(0.0);
        assertThat(total.at(10, 2.0)).isEqualTo(20.0);
        assertThat(total.at(20, 4.0)).isEqualTo(50.0);
        Run flow = new Run("totalizer({/a} / 3600)"); // m³/h → m³
        flow.at(0, 3600.0);
        assertThat(flow.at(3600, 3600.0)).isEqualTo(3600.0);
    }

    @Test
    void windowFunctionsAreTimeWeightedOverTheLastSeconds() {
        Run avg = new Run("avgOver({/a}, 10)");
        assertThat(avg.at(0, 10.0)).isEqualTo(10.0);
        assertThat(avg.at(5, 20.0)).isEqualTo(10.0); // 10 held for 5 s
        assertThat(avg.at(10, 0.0)).isEqualTo(15.0); // 10 for 5 s, 20 for 5 s
        assertThat(avg.at(15, 0.0)).isEqualTo(10.0); // window 5..15: 20 for 5 s, 0 for 5 s
        Run min = new Run("minOver({/a}, 10)");
        Run max = new Run("maxOver({/a}, 10)");
        double[][] points = {{0, 5}, {4, 1}, {8, 9}, {20, 3}};
        Object mn = null;
        Object mx = null;
        for (double[] p : points) {
            mn = min.at(p[0], p[1]);
            mx = max.at(p[0], p[1]);
            if (p[0] == 8) {
                assertThat(mn).isEqualTo(1.0);
                assertThat(mx).isEqualTo(9.0);
            }
        }
        // At 20 s the window is 10..20: 9 (in force at 10 s) and 3.
        assertThat(mn).isEqualTo(3.0);
        assertThat(mx).isEqualTo(9.0);
    }

    /** Evaluated at chosen seconds with /a and /b set. */
    private Object at(CompiledFormula f, FormulaState st, double seconds, double a, double b) {
        fx.time = (long) (seconds * Micros.PER_SECOND);
        fx.set("/a", a);
        fx.set("/b", b);
        Sample s = f.evaluate(fx.source(f), st, fx.time);
        return s.isGood() ? s.y() : "q" + s.q();
    }

    /**
     * A window behind a guard that is false (and's right side, or's after a true left, the branch
     * of if not taken) still sees every evaluation: a motor-trip rule "relay on and no current for
     * 5 s" must not trip at the next start on a current remembered from the last run.
     */
    @Test
    void windowsBehindAGuardSeeEveryEvaluation() {
        CompiledFormula and = fx.compile("{/b} > 0 and maxOver({/a}, 5) < 1");
        FormulaState st = and.newState();
        assertThat(at(and, st, 0, 5.0, 1)).isEqualTo(false); // running: current 5
        assertThat(at(and, st, 1, 0.0, 0)).isEqualTo(false); // stopped: current 0 (guard false)
        // Started 6 s later: the current has been 0 since 1 s, the window 2..7 holds only 0.
        assertThat(at(and, st, 7, 0.0, 1)).isEqualTo(true);
        // The same for or (left side true skips the right) and for the branch of if not taken.
        CompiledFormula or = fx.compile("{/b} <= 0 or maxOver({/a}, 5) >= 1");
        FormulaState so = or.newState();
        assertThat(at(or, so, 0, 5.0, 1)).isEqualTo(true);
        assertThat(at(or, so, 1, 0.0, 0)).isEqualTo(true);
        assertThat(at(or, so, 7, 0.0, 1)).isEqualTo(false);
        CompiledFormula branch = fx.compile("if({/b} > 0, maxOver({/a}, 5), -1)");
        FormulaState sb = branch.newState();
        assertThat(at(branch, sb, 0, 5.0, 1)).isEqualTo(5.0);
        assertThat(at(branch, sb, 1, 0.0, 0)).isEqualTo(-1.0);
        assertThat(at(branch, sb, 7, 0.0, 1)).isEqualTo(0.0);
        // A bad input on the skipped side does not make the result bad.
        fx.set("/b", 0.0);
        fx.set("/c", null, 103);
        CompiledFormula skipped = fx.compile("{/b} > 0 and maxOver({/c}, 5) < 1");
        assertThat(skipped.evaluate(fx.source(skipped), skipped.newState(), fx.time).y()).isEqualTo(false);
    }

    @Test
    void lowpassFollowsWithTheTimeConstant() {
        Run lp = new Run("lowpass({/a}, 10)");
        assertThat(lp.at(0, 0.0)).isEqualTo(0.0);
        assertThat((Double) lp.at(10, 100.0)).isCloseTo(100 * (1 - Math.exp(-1)), within(1e-9));
        Run direct = new Run("lowpass({/a}, 0)");
        direct.at(0, 0.0);
        assertThat(direct.at(1, 7.0)).isEqualTo(7.0);
    }

    @Test
    void hysteresisSwitchesAtTheBounds() {
        Run h = new Run("hysteresis({/a}, 10, 20)");
        assertThat(h.at(0, 15.0)).isEqualTo(false);
        assertThat(h.at(1, 20.0)).isEqualTo(true);
        assertThat(h.at(2, 12.0)).isEqualTo(true);
        assertThat(h.at(3, 10.0)).isEqualTo(false);
        assertThat(h.at(4, 19.0)).isEqualTo(false);
    }

    @Test
    void timeTrueAndRisingEdgesCountRunHoursAndStarts() {
        Run hours = new Run("timeTrue({/a} > 0) / 3600");
        Run starts = new Run("risingEdges({/a} > 0)");
        double[][] run = {{0, 1}, {1800, 0}, {3600, 1}, {7200, 1}, {9000, 0}, {9100, 0}};
        Object h = null;
        Object s = null;
        for (double[] p : run) {
            h = hours.at(p[0], p[1]);
            s = starts.at(p[0], p[1]);
        }
        assertThat(h).isEqualTo(2.0); // true 0..1800 and 3600..9000: 0.5 h + 1.5 h
        assertThat(s).isEqualTo(1.0); // the first true is not a start; 3600 s is
    }

    @Test
    void carriedStartsFromTheTagsOwnValueOrTheDefault() {
        Run fresh = new Run("carried(5) + timeTrue({/a} > 0) / 3600");
        assertThat(fresh.at(0, 1)).isEqualTo(5.0);
        assertThat(fresh.at(3600, 0)).isEqualTo(6.0);
        Run restored = new Run("carried(5) + timeTrue({/a} > 0) / 3600");
        restored.st.carryOver(120.0); // the hours stored before a restart
        assertThat(restored.at(0, 1)).isEqualTo(120.0);
        assertThat(restored.at(1800, 1)).isEqualTo(120.5);
        restored.st.carryOver(999.0); // only the value at the start counts
        assertThat(restored.at(3600, 0)).isEqualTo(121.0);
        Run notANumber = new Run("carried(5)");
        notANumber.st.carryOver("text");
        assertThat(notANumber.at(0, 1)).isEqualTo(5.0);
        // a bool tag's latch carries as 1 or 0
        Run latch = new Run("carried(0)");
        latch.st.carryOver(Boolean.TRUE);
        assertThat(latch.at(0, 1)).isEqualTo(1.0);
        Run cleared = new Run("carried(1)");
        cleared.st.carryOver(Boolean.FALSE);
        assertThat(cleared.at(0, 1)).isEqualTo(0.0);
    }

    @Test
    void badInputsDoNotPoisonTheState() {
        Run total = new Run("integral(valueOr({/a}, 0))");
        total.at(0, 1.0);
        assertThat(total.at(10, null)).isEqualTo(5.0); // bad counts as 0 through valueOr
        Run raw = new Run("integral({/a})");
        raw.at(0, 1.0);
        assertThat(raw.at(10, null)).isEqualTo("q103");
        assertThat(raw.at(20, 1.0)).isEqualTo(20.0); // 0..20 bridged by the good samples
    }
}
