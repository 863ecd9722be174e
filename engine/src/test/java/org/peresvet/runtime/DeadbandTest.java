package org.peresvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

class DeadbandTest {
    private static Sample s(Object y) {
        return Sample.of(1, y);
    }

    private static Sample s(Object y, Integer q) {
        return new Sample(1, y, q);
    }

    @Test
    void firstSampleAlwaysPasses() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 10, null, s(1.0))).isTrue();
    }

    @Test
    void numbersInsideDeadbandAreDropped() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 0.5, s(10.0), s(10.4))).isFalse();
        assertThat(Deadband.accept(ValueType.DOUBLE, 0.5, s(10.0), s(9.6))).isFalse();
    }

    @Test
    void numbersAtOrBeyondDeadbandPass() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 0.5, s(10.0), s(10.5))).isTrue();
        assertThat(Deadband.accept(ValueType.INT, 2, s(10L), s(8L))).isTrue();
        assertThat(Deadband.accept(ValueType.INT, 2, s(10L), s(11L))).isFalse();
    }

    @Test
    void zeroDeadbandKeepsEverySampleEvenRepeats() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 0, s(1.0), s(1.0))).isTrue();
        assertThat(Deadband.accept(ValueType.STRING, 0, s("a"), s("a"))).isTrue();
    }

    @Test
    void qualityChangeAlwaysPasses() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 100, s(1.0), s(1.0, Quality.BAD_DATA))).isTrue();
        assertThat(Deadband.accept(ValueType.DOUBLE, 100, s(null, Quality.CONNECTION_LOST), s(null, Quality.CONNECTION_RESTORED))).isTrue();
    }

    @Test
    void goodQualityZeroAndNullAreTheSame() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 1, s(1.0, 0), s(1.2, null))).isFalse();
    }

    @Test
    void nullAfterNullWithSameQualityIsDropped() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 0, s(null, Quality.CONNECTION_LOST), s(null, Quality.CONNECTION_LOST))).isFalse();
        assertThat(Deadband.accept(ValueType.DOUBLE, 0, s(null), s(null))).isFalse();
    }

    @Test
    void changeToOrFromNullPasses() {
        assertThat(Deadband.accept(ValueType.DOUBLE, 5, s(1.0), s(null))).isTrue();
        assertThat(Deadband.accept(ValueType.DOUBLE, 5, s(null), s(1.0))).isTrue();
    }

    @Test
    void stringsAndJsonWithDeadbandPassOnlyWhenChanged() throws Exception {
        assertThat(Deadband.accept(ValueType.STRING, 1, s("auto"), s("auto"))).isFalse();
        assertThat(Deadband.accept(ValueType.STRING, 1, s("auto"), s("manual"))).isTrue();
        ObjectMapper m = new ObjectMapper();
        assertThat(Deadband.accept(ValueType.JSON, 1, s(m.readTree("{\"a\":1}")), s(m.readTree("{\"a\":1}")))).isFalse();
        assertThat(Deadband.accept(ValueType.JSON, 1, s(m.readTree("{\"a\":1}")), s(m.readTree("{\"a\":2}")))).isTrue();
    }

    @Test
    void boolsWithDeadbandPassOnlyWhenChanged() {
        assertThat(Deadband.accept(ValueType.BOOL, 5, s(true), s(true))).isFalse();
        assertThat(Deadband.accept(ValueType.BOOL, 5, s(true), s(false))).isTrue();
    }
}
