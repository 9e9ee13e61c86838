package org.relevanceworkbench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OgEffectivenessTest {
    @Test
    void mapAndNdcgAt5AreAveragedOverTopicsInBothQrelsAndRun() {
        // topic 1: ranking a, b, c with a and c relevant. AP = (1/1 + 2/3) / 2 = 5/6.
        // nDCG@5: DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3); topic 2: b first and relevant: 1, 1.
        // topic 3 has qrels but no run: left out, as trec_eval does without -c.
        OgEffectiveness og = OgEffectiveness.of(
                Map.of("1", Map.of("a", 1, "b", 0, "c", 1), "2", Map.of("b", 2), "3", Map.of("z", 1)),
                Map.of("1", Map.of("a", 0.9, "b", 0.8, "c", 0.7), "2", Map.of("b", 0.1, "q", 0.05)));
        double ndcg1 = 1.5 / (1 + 1 / (Math.log(3) / Math.log(2)));
        assertThat(og.topics()).isEqualTo(2);
        assertThat(og.map()).isCloseTo((5.0 / 6 + 1) / 2, Offset.offset(1e-12));
        assertThat(og.ndcgAt5()).isCloseTo((ndcg1 + 1) / 2, Offset.offset(1e-12));
    }
}
