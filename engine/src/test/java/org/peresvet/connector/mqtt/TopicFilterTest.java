package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicFilterTest {
    @Test
    void matchesLikeTheSpec() {
        assertThat(TopicFilter.matches("a/b", "a/b")).isTrue();
        assertThat(TopicFilter.matches("a/+", "a/b")).isTrue();
        assertThat(TopicFilter.matches("a/+", "a/b/c")).isFalse();
        assertThat(TopicFilter.matches("a/+/c", "a//c")).isTrue();
        assertThat(TopicFilter.matches("a/#", "a")).isTrue();
        assertThat(TopicFilter.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicFilter.matches("#", "x/y")).isTrue();
        assertThat(TopicFilter.matches("#", "$SYS/x")).isFalse();
        assertThat(TopicFilter.matches("+/status", "board/status")).isTrue();
        assertThat(TopicFilter.matches("a/b", "a/bc")).isFalse();
        assertThat(TopicFilter.matches("a/bc", "a/b")).isFalse();
        assertThat(TopicFilter.matches("+", "")).isTrue();
    }

    @Test
    void refusesBadFilters() {
        assertThatThrownBy(() -> TopicFilter.check("a/#/b")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> TopicFilter.check("a/b+")).hasMessageContaining("'+'");
        assertThatThrownBy(() -> TopicFilter.check("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TopicFilter.checkPublishTopic("a/+")).hasMessageContaining("wildcard");
    }
}
