package org.peresvet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @Test
    void readsPlainDecimals() {
        assertThat(Numbers.parseDouble("23.5")).isEqualTo(23.5);
        assertThat(Numbers.parseDouble(" -1.5e3\n")).isEqualTo(-1500.0);
        assertThat(Numbers.parseDouble(".5")).isEqualTo(0.5);
        assertThat(Numbers.parseDouble("5.")).isEqualTo(5.0);
        assertThat(Numbers.parseDouble("0e-999")).isEqualTo(0.0);
        assertThat(Numbers.parseDouble("-0.000")).isEqualTo(-0.0);
        assertThat(Numbers.parseDouble("4.9e-324")).isEqualTo(Double.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "Infinity", "-Infinity", "inf", "0x1p3", "1d", "2f", "1,000", "1_000",
        "", " ", "+", "-", ".", "e5", "1e", "--1", "1e1234567", "\u0661", "12abc"})
    void refusesWhatIsNotAPlainDecimal(String text) {
        assertThatThrownBy(() -> Numbers.parseDouble(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void refusesOverflowAndUnderflow() {
        assertThatThrownBy(() -> Numbers.parseDouble("1e309")).hasMessageContaining("out of the range");
        assertThatThrownBy(() -> Numbers.parseDouble("-1e309")).hasMessageContaining("out of the range");
        assertThatThrownBy(() -> Numbers.parseDouble("1e-400")).hasMessageContaining("too small");
    }

    @Test
    void refusesOverlongLiterals() {
        assertThatThrownBy(() -> Numbers.parseDouble("1".repeat(401))).hasMessageContaining("too long");
    }

    @Test
    void readsWholeNumbersExactly() {
        assertThat(Numbers.parseLong("42")).isEqualTo(42L);
        assertThat(Numbers.parseLong("4.2e1")).isEqualTo(42L);
        assertThat(Numbers.parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Numbers.parseLong("9223372036854775808")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Numbers.parseLong("1.5")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Numbers.parseLong("0x10")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void requiresFiniteDoubles() {
        assertThat(Numbers.requireFinite(1.0, "x")).isEqualTo(1.0);
        assertThatThrownBy(() -> Numbers.requireFinite(Double.NaN, "default")).hasMessageContaining("default");
        assertThatThrownBy(() -> Numbers.requireFinite(Double.POSITIVE_INFINITY, "min")).hasMessageContaining("min");
    }
}
