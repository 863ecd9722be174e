package org.peresvet.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peresvet.model.Quality;
import org.peresvet.model.Sample;
import org.peresvet.model.SimulatorSpec;
import org.peresvet.model.SourceKind;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;

/** How values, qualities and times read; no toolkit. */
class ValueFormatTest {
    private final UUID obj = UUID.randomUUID();

    @Test
    void decimalsFollowTheEngineeringRangeAndUnitsFollowTheValue() {
        TagDef pressure = TagDef.builder(obj, "P", ValueType.DOUBLE).units("bar").min(0.0).max(16.0).build();
        TagDef flow = TagDef.builder(obj, "F", ValueType.DOUBLE).units("m3/h").min(0.0).max(250.0).build();
        TagDef speed = TagDef.builder(obj, "S", ValueType.DOUBLE).units("rpm").min(0.0).max(3000.0).build();
        TagDef open = TagDef.builder(obj, "X", ValueType.DOUBLE).build();
        assertThat(ValueFormat.value(pressure, Sample.of(1, 7.256))).isEqualTo("7.26 bar");
        assertThat(ValueFormat.value(flow, Sample.of(1, 116.44))).isEqualTo("116.4 m3/h");
        assertThat(ValueFormat.value(speed, Sample.of(1, 1499.6))).isEqualTo("1500 rpm");
        assertThat(ValueFormat.value(open, Sample.of(1, 0.5))).isEqualTo("0.50");
        assertThat(ValueFormat.value(pressure, null)).isEqualTo("—");
        assertThat(ValueFormat.value(pressure, new Sample(1, null, Quality.CONNECTION_LOST))).isEqualTo("—");
        TagDef running = TagDef.builder(obj, "R", ValueType.BOOL).build();
        assertThat(ValueFormat.value(running, Sample.of(1, true))).isEqualTo("true");
    }

    @Test
    void qualityReadsWithoutColour() {
        assertThat(ValueFormat.quality(Sample.of(1, 1.0))).isEqualTo("good");
        assertThat(ValueFormat.level(Sample.of(1, 1.0))).isEqualTo(ValueFormat.Level.GOOD);
        Sample lost = new Sample(1, null, Quality.CONNECTION_LOST);
        assertThat(ValueFormat.quality(lost)).isEqualTo("✕ connection lost");
        assertThat(ValueFormat.level(lost).styleClass()).isEqualTo("quality-bad");
        assertThat(ValueFormat.quality(new Sample(1, null, Quality.CONNECTION_RESTORED))).isEqualTo("? connection restored");
        assertThat(ValueFormat.quality(new Sample(1, 2.0, 7))).isEqualTo("✕ quality 7");
        assertThat(ValueFormat.quality(null)).isEqualTo("no data yet");
        assertThat(ValueFormat.liveTime(null)).isEqualTo("never written");
    }

    @Test
    void timeIsTimeOfDayTodayAndDateOtherwise() {
        long x = 1_700_000_000_123_456L; // 2023-11-14T22:13:20.123456Z
        Sample s = Sample.of(x, 1.0);
        assertThat(ValueFormat.time(s, ZoneOffset.UTC, LocalDate.of(2023, 11, 14))).isEqualTo("22:13:20");
        assertThat(ValueFormat.time(s, ZoneOffset.UTC, LocalDate.of(2023, 11, 15))).isEqualTo("2023-11-14 22:13:20");
    }

    @Test
    void onlyEnabledManualTagsAreWritable() {
        TagDef manual = TagDef.builder(obj, "M", ValueType.DOUBLE).build();
        assertThat(ValueFormat.writable(manual)).isTrue();
        assertThat(ValueFormat.writable(manual.toBuilder().enabled(false).build())).isFalse();
        assertThat(ValueFormat.writable(manual.toBuilder().simulated(SimulatorSpec.sine(60, 1, 0)).build())).isFalse();
        assertThat(ValueFormat.writable(manual.toBuilder().formula("1 + 1").build())).as("calculated").isFalse();
        TagDef device = manual.toBuilder().source(SourceKind.CONNECTOR)
                .sourceConfig("{\"connector\":\"" + UUID.randomUUID() + "\",\"address\":\"s\",\"command\":\"c\"}").build();
        assertThat(ValueFormat.writable(device)).as("a binding with a command").isTrue();
        assertThat(ValueFormat.writable(device.toBuilder().sourceConfig("{\"address\":\"s\"}").build())).isFalse();
        assertThat(ValueFormat.writable(device.toBuilder().sourceConfig("not json").build())).isFalse();
    }
}
