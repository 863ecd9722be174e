package org.peresvet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one name rule, the one number rule for tag values and periods, and safe quoting. */
class NamesTest {
    @Test
    void namesInEveryScriptArePlainNames() {
        for (String ok : List.of("Tank1", "Насос 1", "温度", "Δp", "Tank \"A\", line 2", "\uD83D\uDCA7 water", "e\u0301", "a.b",
                "x".repeat(128), "\uD835\uDD38".repeat(128), "50% (max)", "ضغط", "לחץ")) {
            assertThat(Names.invalidReason(ok)).as(ok).isNull();
        }
    }

    @Test
    void controlFormatAndBrokenCharactersAreRefused() {
        assertThat(Names.invalidReason("Tank\u0085")).contains("control character").contains("U+0085");
        assertThat(Names.invalidReason("Tank\u009b1")).contains("control character").contains("U+009B");
        assertThat(Names.invalidReason("Tank\u007f")).contains("control character");
        assertThat(Names.invalidReason("A\nB")).contains("control character");
        assertThat(Names.invalidReason("abc\u202Etxt.exe")).contains("format character").contains("U+202E");
        assertThat(Names.invalidReason("Zero\u200BWidth")).contains("format character");
        assertThat(Names.invalidReason("Iso\u2066late")).contains("format character");
        assertThat(Names.invalidReason("Soft\u00ADhyphen")).contains("format character");
        assertThat(Names.invalidReason("Line\u2028Sep")).contains("line separator");
        assertThat(Names.invalidReason("Bad\uD800")).contains("lone surrogate").contains("U+D800");
        assertThat(Names.invalidReason("\uDC00Bad")).contains("lone surrogate");
        assertThat(Names.invalidReason("Non\uFFFF")).contains("noncharacter");
        assertThat(Names.invalidReason("a/b")).contains("'/'");
        assertThat(Names.invalidReason("{a}")).contains("'{'");
        assertThat(Names.invalidReason(" a")).contains("spaces");
        assertThat(Names.invalidReason("..")).contains("reserved");
        assertThat(Names.invalidReason("")).contains("empty");
        assertThat(Names.invalidReason("x".repeat(129))).contains("at most 128");
        // The same rule for every named thing: objects, tags, alarms, schedules, methods, connectors.
        assertThat(ModelSnapshot.invalidNameReason("Tank\u0085")).isEqualTo(Names.invalidReason("Tank\u0085"));
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(ObjectDef.create(null, "A\u009bB")))))
                .isInstanceOf(ModelException.class).hasMessageContaining("name: must not contain a control character");
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutSchedule(ScheduleDef.interval("S\u202E", 5,
                ScheduleDef.Unit.SECONDS))))).hasMessageContaining("format character");
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutConnector(ConnectorDef.create("C\u0085", "mqtt", null)))))
                .hasMessageContaining("control character");
    }

    @Test
    void textMayHoldLineBreaksButNotLoneSurrogates() {
        assertThat(Names.invalidTextReason("line one\nline two\ttab")).isNull();
        assertThat(Names.invalidTextReason("bad \uD800")).contains("lone surrogate");
        ObjectDef o = new ObjectDef(java.util.UUID.randomUUID(), null, "A", "desc \uDBFF");
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutObject(o))))
                .hasMessageContaining("description: is not well-formed Unicode");
    }

    @Test
    void quotedValuesAreEscapedAndCut() {
        assertThat(Quoted.of("Ta\nnk")).isEqualTo("'Ta\\nnk'");
        assertThat(Quoted.of("\r\u001b[2J\u0085\u202E")).isEqualTo("'\\r\\u001B[2J\\u0085\\u202E'");
        assertThat(Quoted.of("A".repeat(1_000))).isEqualTo("'" + "A".repeat(60) + "…' (1000 characters)");
        assertThat(Quoted.of("\uD83D\uDCA7")).isEqualTo("'\uD83D\uDCA7'");
        assertThat(new ModelException("/a\nb", "name", "bad\rthing").getMessage()).isEqualTo("/a\\nb: name: bad\\rthing");
        assertThat(new ModelException("x".repeat(10_000), null, "r").getMessage()).hasSizeLessThan(2_100);
    }

    @Test
    void tagValuesAreFiniteOnly() {
        for (Object bad : List.of("NaN", "-Infinity", "Infinity", "1e309", "0x1p3", Double.NaN, Double.POSITIVE_INFINITY)) {
            assertThatThrownBy(() -> ValueType.DOUBLE.coerce(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ValueType.DOUBLE.coerce(" 1.5e3 ")).isEqualTo(1500.0);
        assertThat(ValueType.DOUBLE.coerce(-0.0)).isEqualTo(0.0);
        assertThatThrownBy(() -> ValueType.INT.coerce("9223372036854775808")).hasMessageContaining("not a valid int");
        assertThat(ValueType.INT.coerce("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ValueType.JSON.coerce("{\"a\":1e309}")).hasMessageContaining("out of the range of a double");
        assertThatThrownBy(() -> ValueType.JSON.coerce("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> ValueType.JSON.coerce("{} trailing")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ValueType.JSON.coerce("[\"\\ud800\"]")).hasMessageContaining("not well-formed Unicode");
    }

    @Test
    void triggerPeriodsAreCheckedNotWrapped() {
        assertThatThrownBy(() -> CalcTrigger.parse("every 5124095576031h")).hasMessageContaining("too long");
        assertThatThrownBy(() -> CalcTrigger.parse("every 99999999999999999999999ms")).hasMessageContaining("too long");
        assertThatThrownBy(() -> CalcTrigger.parse("every 367 h".replace("367 h", "8785h"))).hasMessageContaining("too long");
        assertThat(CalcTrigger.parse("every 8784h")).isEqualTo(CalcTrigger.every(CalcTrigger.MAX_PERIOD_MILLIS));
        assertThat(CalcTrigger.parse("every 5s")).isEqualTo(CalcTrigger.every(5_000));
        assertThatThrownBy(() -> ModelSnapshot.empty().apply(List.of(new ModelEdit.PutSchedule(ScheduleDef.interval("S",
                Long.MAX_VALUE, ScheduleDef.Unit.DAYS))))).hasMessageContaining("every: must be at most 36525 days");
        assertThatThrownBy(() -> Micros.parse("+999999999-12-31T23:59:59Z")).isInstanceOf(IllegalArgumentException.class);
    }
}
