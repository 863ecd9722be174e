package org.peresvet.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peresvet.model.Sample;
import org.peresvet.model.ValueType;

/** The hand-computed table of {@link HistoryContractCases} against the query rules alone. */
class HistoryContractTest {
    private static final UUID TAG = UUID.fromString("00000000-0000-0000-0000-000000000015");

    static List<HistoryContractCases.Case> cases() {
        return HistoryContractCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsComputedByHand(HistoryContractCases.Case c) {
        List<Sample> stored = new ArrayList<>();
        for (double[] s : HistoryContractCases.STORED) {
            stored.add(new Sample((long) s[0], s[1], null));
        }
        SampleSource src = new MemorySampleSource(stored);
        if (c.expected() == null) {
            assertThatThrownBy(() -> HistoryQueries.run(c.query(TAG), ValueType.DOUBLE, c.step(), src,
                    HistoryContractCases.NOW))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.error());
            return;
        }
        TagHistory h = HistoryQueries.run(c.query(TAG), ValueType.DOUBLE, c.step(), src, HistoryContractCases.NOW);

        assertThat(h.data()).containsExactlyElementsOf(c.samples(0));
    }
}
