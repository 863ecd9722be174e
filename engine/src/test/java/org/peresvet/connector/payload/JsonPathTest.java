package org.peresvet.connector.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {
    private final JsonNode doc;

    JsonPathTest() throws Exception {
        doc = new ObjectMapper().readTree("{\"DS18B20\":{\"Temperature\":21.5},\"a\":[{\"b\":1},{\"b\":2}],"
                + "\"a b\":\"x\",\"StatusSNS\":{\"ENERGY\":{\"Power\":[10,20]}}}");
    }

    @Test
    void findsFieldsIndexesAndQuotedNames() {
        assertThat(JsonPath.compile("$.DS18B20.Temperature").find(doc).asDouble()).isEqualTo(21.5);
        assertThat(JsonPath.compile("$.a[1].b").find(doc).asInt()).isEqualTo(2);
        assertThat(JsonPath.compile("$['a b']").find(doc).asText()).isEqualTo("x");
        assertThat(JsonPath.compile("$[\"DS18B20\"]['Temperature']").find(doc).asDouble()).isEqualTo(21.5);
        assertThat(JsonPath.compile("$.StatusSNS.ENERGY.Power[0]").find(doc).asInt()).isEqualTo(10);
        assertThat(JsonPath.compile("$").find(doc)).isSameAs(doc);
        assertThat(JsonPath.compile("$").isRoot()).isTrue();
    }

    @Test
    void missingPartsGiveNull() {
        assertThat(JsonPath.compile("$.nope").find(doc)).isNull();
        assertThat(JsonPath.compile("$.a[5].b").find(doc)).isNull();
        assertThat(JsonPath.compile("$.DS18B20[0]").find(doc)).isNull();
        assertThat(JsonPath.compile("$.a.b").find(doc)).isNull();
        assertThat(JsonPath.compile("$.DS18B20.Temperature.x").find(doc)).isNull();
    }

    @Test
    void badSyntaxIsRefusedWithThePosition() {
        assertThatThrownBy(() -> JsonPath.compile("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> JsonPath.compile("a.b")).hasMessageContaining("must start with '$'");
        assertThatThrownBy(() -> JsonPath.compile("$..a")).hasMessageContaining("at 2: a field name is missing");
        assertThatThrownBy(() -> JsonPath.compile("$.a[")).hasMessageContaining("']' is missing");
        assertThatThrownBy(() -> JsonPath.compile("$.a[x]")).hasMessageContaining("must be quoted");
        assertThatThrownBy(() -> JsonPath.compile("$['a")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> JsonPath.compile("$['a'x")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> JsonPath.compile("$x")).hasMessageContaining("expected '.' or '['");
        assertThatThrownBy(() -> JsonPath.compile("$.a[-1]")).hasMessageContaining("non-negative");
    }
}
