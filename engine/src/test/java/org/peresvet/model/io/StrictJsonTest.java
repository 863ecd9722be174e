package org.peresvet.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    @Test
    void readsAPlainDocument() {
        JsonNode n = StrictJson.read("{\"a\":[1,2.5,\"x\",null,true]}".getBytes(StandardCharsets.UTF_8));
        assertThat(n.get("a").size()).isEqualTo(5);
        assertThat(n.get("a").get(1).doubleValue()).isEqualTo(2.5);
    }

    @Test
    void acceptsALeadingByteOrderMark() {
        byte[] doc = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertThat(StrictJson.read(doc).isObject()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}x", "{}}", "{} null", "{}/*c*/", "{}//c", "{} {}", "[1]]", "{\"a\":1}\u0000"})
    void refusesAnythingAfterTheDocument(String text) {
        assertThatThrownBy(() -> StrictJson.read(text)).isInstanceOf(StrictJsonException.class);
    }

    @Test
    void refusesDuplicateKeysWithTheirPosition() {
        assertThatThrownBy(() -> StrictJson.read("{\"format\":\"evil\",\n\"format\":\"peresvet-project\"}"))
                .isInstanceOf(StrictJsonException.class)
                .hasMessageContaining("Duplicate field 'format'")
                .satisfies(e -> assertThat(((StrictJsonException) e).line()).isEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}", "{\"a\":01}", "", "   "})
    void refusesNonStandardJson(String text) {
        assertThatThrownBy(() -> StrictJson.read(text)).isInstanceOf(StrictJsonException.class);
    }

    @Test
    void refusesOverlongAndMalformedUtf8WithTheOffset() {
        byte[] overlongSlash = {'"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"'};
        byte[] threeByteOverlong = {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'};
        byte[] overlongNul = {'"', (byte) 0xC0, (byte) 0x80, '"'};
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        byte[] aboveUnicode = {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'};
        for (byte[] b : new byte[][] {overlongSlash, threeByteOverlong, overlongNul, encodedSurrogate, aboveUnicode}) {
            assertThatThrownBy(() -> StrictJson.read(b)).isInstanceOf(StrictJsonException.class)
                    .hasMessageContaining("UTF-8 at byte");
        }
        assertThatThrownBy(() -> StrictJson.read(overlongSlash)).hasMessageContaining("byte 2");
    }

    @Test
    void refusesUtf16Input() {
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> StrictJson.read(utf16)).isInstanceOf(StrictJsonException.class);
    }

    @Test
    void refusesLoneSurrogatesInText() {
        assertThatThrownBy(() -> StrictJson.read("{\"a\":\"\ud800\"}")).hasMessageContaining("lone surrogate");
        assertThat(StrictJson.read("{\"a\":\"\ud83d\ude00\"}").get("a").asText()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void refusesDocumentsNestedTooDeep() {
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertThatThrownBy(() -> StrictJson.read(deep)).isInstanceOf(StrictJsonException.class)
                .hasMessageContaining("depth");
        String ok = "[".repeat(50) + "]".repeat(50);
        assertThat(StrictJson.read(ok).isArray()).isTrue();
    }

    @Test
    void findsLoneSurrogates() {
        assertThat(StrictJson.firstLoneSurrogate("ab\udc00")).isEqualTo(2);
        assertThat(StrictJson.firstLoneSurrogate("a\ud83d\ude00")).isEqualTo(-1);
        assertThat(StrictJson.firstLoneSurrogate("\ud83d")).isEqualTo(0);
    }
}
