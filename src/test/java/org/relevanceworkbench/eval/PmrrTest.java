package org.relevanceworkbench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** p-MRR on hand-computed cases; each comment gives the ranks and Eq. 1's arithmetic. */
class PmrrTest {
    private static final Offset<Double> EXACT = within(1e-12);

    /** Scores in the order given (a LinkedHashMap, so insertion order is never mistaken for rank order). */
    private static Map<String, Double> scores(Object... docAndScore) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < docAndScore.length; i += 2) {
            out.put((String) docAndScore[i], ((Number) docAndScore[i + 1]).doubleValue());
        }
        return out;
    }

    private static Map<String, Integer> grades(Object... docAndGrade) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < docAndGrade.length; i += 2) {
            out.put((String) docAndGrade[i], (Integer) docAndGrade[i + 1]);
        }
        return out;
    }

    /** d1 is relevant under og, not under changed; the runs give the ranks. */
    private static PmrrResult oneChangedDoc(Map<String, Double> ogRun, Map<String, Double> changedRun) {
        return Pmrr.compute(Map.of("q", grades("d1", 1, "d2", 1)), Map.of("q", grades("d1", 0, "d2", 1)),
                Map.of("q", ogRun), Map.of("q", changedRun));
    }

    @Test
    void aDocumentMovingDownScoresPositive() {
        // og: d1 d2 d3 d4 → R_og = 1; changed: d2 d3 d4 d1 → R_new = 4
        // R_og < R_new: p = 1 − (1/4)/(1/1) = 0.75
        PmrrResult r = oneChangedDoc(scores("d1", 0.9, "d2", 0.8, "d3", 0.7, "d4", 0.6),
                scores("d1", 0.6, "d2", 0.9, "d3", 0.8, "d4", 0.7));
        assertThat(r.value()).isCloseTo(0.75, EXACT);
        assertThat(r.percent()).isCloseTo(75.0, within(1e-9));
        assertThat(r.topics().get(0).documents()).singleElement()
                .isEqualTo(new PmrrDocument("d1", 1, 0, 1, 4, 0.75));
    }

    @Test
    void aDocumentMovingUpScoresNegative() {
        // og: d2 d3 d4 d1 → R_og = 4; changed: d1 d2 d3 d4 → R_new = 1
        // R_og > R_new: p = (1/4)/(1/1) − 1 = −0.75
        PmrrResult r = oneChangedDoc(scores("d1", 0.6, "d2", 0.9, "d3", 0.8, "d4", 0.7),
                scores("d1", 0.9, "d2", 0.8, "d3", 0.7, "d4", 0.6));
        assertThat(r.value()).isCloseTo(-0.75, EXACT);
    }

    @Test
    void anUnmovedDocumentScoresZero() {
        // d1 is second in both: R_og = R_new = 2; p = 1 − (1/2)/(1/2) = 0
        PmrrResult r = oneChangedDoc(scores("d1", 0.8, "d2", 0.9, "d3", 0.1), scores("d1", 0.5, "d2", 0.7));
        assertThat(r.value()).isCloseTo(0.0, EXACT);
        assertThat(r.topics().get(0).documents().get(0).ogRank()).isEqualTo(2);
        assertThat(r.topics().get(0).documents().get(0).changedRank()).isEqualTo(2);
    }

    @Test
    void tiedScoresAreBrokenByDocumentIdDescending() {
        // og: d1 and d2 tie at 0.5; descending ids put d2 first, so R_og(d1) = 2 (d1 comes first in the
        // map and ascending ids would give it rank 1, and p = 0). changed: d1 0.9 → R_new = 1.
        // R_og > R_new: p = (1/2)/(1/1) − 1 = −0.5
        PmrrResult r = oneChangedDoc(scores("d1", 0.5, "d2", 0.5), scores("d1", 0.9, "d2", 0.1));
        assertThat(r.value()).isCloseTo(-0.5, EXACT);
        assertThat(r.topics().get(0).documents().get(0).ogRank()).isEqualTo(2);
    }

    @Test
    void aDocumentMissingFromARunRanksJustBelowItsLastDocument() {
        // og: d1 d2 d3 → R_og = 1; changed run lacks d1 and ranks 2 documents → R_new = 2 + 1 = 3
        // R_og < R_new: p = 1 − (1/3)/(1/1) = 2/3
        PmrrResult r = oneChangedDoc(scores("d1", 0.9, "d2", 0.8, "d3", 0.7), scores("d2", 0.9, "d3", 0.8));
        assertThat(r.value()).isCloseTo(2.0 / 3, EXACT);
        assertThat(r.topics().get(0).documents().get(0).changedRank()).isEqualTo(3);
        assertThat(r.topics().get(0).changedRunSize()).isEqualTo(2);
    }

    @Test
    void topicsWithoutChangedDocumentsAreLeftOutOfTheMean() {
        // q1: d1 goes from rank 1 to rank 4: p = 0.75. q2: its only document keeps grade 1 and its grade-0
        // document is missing from the changed qrels (grade 0 there too): nothing changed, so q2 is left
        // out. Mean over q1 alone = 0.75 (counting q2 as 0 would give 0.375).
        Map<String, Double> down = scores("d1", 0.6, "d2", 0.9, "d3", 0.8, "d4", 0.7);
        PmrrResult r = Pmrr.compute(
                Map.of("q1", grades("d1", 1), "q2", grades("d5", 1, "d6", 0)),
                Map.of("q1", grades("d1", 0), "q2", grades("d5", 1)),
                Map.of("q1", scores("d1", 0.9, "d2", 0.8, "d3", 0.7, "d4", 0.6), "q2", scores("d5", 0.1)),
                Map.of("q1", down, "q2", scores("d5", 0.9)));
        assertThat(r.value()).isCloseTo(0.75, EXACT);
        assertThat(r.topics()).extracting(PmrrTopic::topicId).containsExactly("q1");
    }

    @Test
    void theMeanIsOverTopicsNotOverDocuments() {
        // q1: d1 rank 1 → 4: p = 1 − (1/4)/1 = 0.75; d2 rank 2 → 2: p = 0. q1 = (0.75 + 0) / 2 = 0.375
        // q2: d9 rank 1 → 2: p = 1 − (1/2)/1 = 0.5. q2 = 0.5
        // p-MRR = (0.375 + 0.5) / 2 = 0.4375; a mean over the three documents would be 1.25 / 3 = 0.41667
        PmrrResult r = Pmrr.compute(
                Map.of("q1", grades("d1", 1, "d2", 1), "q2", grades("d9", 1)),
                Map.of("q1", grades("d1", 0, "d2", 0), "q2", grades("d9", 0)),
                Map.of("q1", scores("d1", 0.9, "d2", 0.8, "d3", 0.7, "d4", 0.6), "q2", scores("d9", 0.9, "d8", 0.1)),
                Map.of("q1", scores("d1", 0.1, "d2", 0.8, "d3", 0.9, "d4", 0.7), "q2", scores("d9", 0.1, "d8", 0.9)));
        assertThat(r.topics()).extracting(PmrrTopic::value).containsExactly(0.375, 0.5);
        assertThat(r.value()).isCloseTo(0.4375, EXACT);
        assertThat(r.changedDocuments()).isEqualTo(3);
    }

    @Test
    void aGradeChangeBetweenRelevantGradesCounts() {
        // d1: 2 → 1 changes (graded qrels); d2: 1 → 1 does not; d3: 2 → missing counts as 2 → 0.
        // og: d1 d2 d3 d4; changed: d2 d1 d4 d3. d1: 1 → 2: p = 1 − (1/2)/1 = 0.5;
        // d3: 3 → 4: p = 1 − (1/4)/(1/3) = 0.25. Mean = 0.375
        PmrrResult r = Pmrr.compute(Map.of("q", grades("d1", 2, "d2", 1, "d3", 2)),
                Map.of("q", grades("d1", 1, "d2", 1)),
                Map.of("q", scores("d1", 4, "d2", 3, "d3", 2, "d4", 1)),
                Map.of("q", scores("d2", 4, "d1", 3, "d4", 2, "d3", 1)));
        assertThat(r.topics().get(0).documents()).containsExactly(
                new PmrrDocument("d1", 2, 1, 1, 2, 0.5), new PmrrDocument("d3", 2, 0, 3, 4, 0.25));
        assertThat(r.value()).isCloseTo(0.375, EXACT);
    }

    @Test
    void matchesMtebsOwnTestCase() {
        // MTEB's test_p_mrr: og scores 0:1 1:2 2:3 3:4 → doc 0 ranks 4; changed 0:4 1:1 2:2 3:3 → rank 1.
        // p = (1/4)/(1/1) − 1 = −0.75
        PmrrResult r = Pmrr.compute(Map.of("a", grades("0", 1)), Map.of("a", grades("0", 0)),
                Map.of("a", scores("0", 1, "1", 2, "2", 3, "3", 4)),
                Map.of("a", scores("0", 4, "1", 1, "2", 2, "3", 3)));
        assertThat(r.value()).isCloseTo(-0.75, EXACT);
    }

    @Test
    void rankScoreIsEquationOne() {
        assertThat(Pmrr.rankScore(1, 4)).isCloseTo(0.75, EXACT);   // 1 − (1/4)/(1/1)
        assertThat(Pmrr.rankScore(4, 1)).isCloseTo(-0.75, EXACT);  // (1/4)/(1/1) − 1
        assertThat(Pmrr.rankScore(2, 5)).isCloseTo(0.6, EXACT);    // 1 − (1/5)/(1/2)
        assertThat(Pmrr.rankScore(3, 3)).isZero();
    }

    @Test
    void aTopicMissingFromTheChangedQrelsIsReportedAndAllItsGradesCountAsChanged() {
        // q2 is not in the changed qrels at all: d7 (grade 1) counts as 1 → 0; ranks 1 → 1: p = 0
        PmrrResult r = Pmrr.compute(Map.of("q1", grades("d1", 1), "q2", grades("d7", 1)),
                Map.of("q1", grades("d1", 0)), Map.of("q1", scores("d1", 1), "q2", scores("d7", 1)),
                Map.of("q1", scores("d1", 1), "q2", scores("d7", 1)));
        assertThat(r.topicsWithoutChangedQrels()).containsExactly("q2");
        assertThat(r.topics()).extracting(PmrrTopic::topicId).containsExactly("q1", "q2");
    }

    @Test
    void topicsComeInNumericOrderAndNoChangeAtAllHasNoValue() {
        Map<String, Map<String, Integer>> og =
                Map.of("1000", grades("a", 1), "301", grades("a", 1), "x", grades("a", 1));
        Map<String, Map<String, Integer>> changed =
                Map.of("1000", grades("a", 0), "301", grades("a", 0), "x", grades("a", 0));
        PmrrResult r = Pmrr.compute(og, changed, Map.of(), Map.of());
        assertThat(r.topics()).extracting(PmrrTopic::topicId).containsExactly("301", "1000", "x");
        PmrrResult none = Pmrr.compute(og, og, Map.of(), Map.of());
        assertThat(none.isEmpty()).isTrue();
        assertThatThrownBy(none::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("undefined");
    }
}
