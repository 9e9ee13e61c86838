package org.relevanceworkbench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CompareTest {
    @Test
    void wordDiffShowsWhatAVariantAddsAndRemoves() {
        List<WordDiff.Segment> diff = WordDiff.diff(
                "A relevant document would describe a movie that was written by James Cameron only",
                "A relevant document would describe any movie that was directed by James Cameron");
        assertThat(diff).containsExactly(
                new WordDiff.Segment(WordDiff.Kind.SAME, "A relevant document would describe"),
                new WordDiff.Segment(WordDiff.Kind.ADDED, "any"),
                new WordDiff.Segment(WordDiff.Kind.REMOVED, "a"),
                new WordDiff.Segment(WordDiff.Kind.SAME, "movie that was"),
                new WordDiff.Segment(WordDiff.Kind.ADDED, "directed"),
                new WordDiff.Segment(WordDiff.Kind.REMOVED, "written"),
                new WordDiff.Segment(WordDiff.Kind.SAME, "by James Cameron"),
                new WordDiff.Segment(WordDiff.Kind.REMOVED, "only"));
        assertThat(WordDiff.summary(diff)).isEqualTo("+2 −3");
        assertThat(WordDiff.diff("", "all new words")).containsExactly(
                new WordDiff.Segment(WordDiff.Kind.ADDED, "all new words"));
        assertThat(WordDiff.diff("same", "same")).containsExactly(new WordDiff.Segment(WordDiff.Kind.SAME, "same"));
    }

    @Test
    void kendallTauBOfHandComputedRankings() {
        // identical order: every one of the 6 pairs concordant
        assertThat(KendallTau.tauB(new double[] {4, 3, 2, 1}, new double[] {0.9, 0.8, 0.2, 0.1})).isEqualTo(1.0);
        // reversed: all 6 discordant
        assertThat(KendallTau.tauB(new double[] {4, 3, 2, 1}, new double[] {1, 2, 3, 4})).isEqualTo(-1.0);
        // x = (1,2,3), y = (1,3,2): pairs (1,2) C, (1,3) C, (2,3) D → (2 − 1) / 3
        assertThat(KendallTau.tauB(new double[] {1, 2, 3}, new double[] {1, 3, 2})).isCloseTo(1.0 / 3, Offset.offset(1e-12));
        // ties: x = (1,1,2), y = (1,2,3): pair (1,2) tied in x only; (1,3) C; (2,3) C →
        // (2 − 0) / sqrt((2 + 0 + 1) · (2 + 0 + 0)) = 2 / sqrt(6)
        assertThat(KendallTau.tauB(new double[] {1, 1, 2}, new double[] {1, 2, 3}))
                .isCloseTo(2 / Math.sqrt(6), Offset.offset(1e-12));
        assertThat(KendallTau.tauB(new double[] {1, 1}, new double[] {2, 3})).isNaN();
    }

    /** The definition, every pair compared: the reference the O(n log n) count must equal to the bit. */
    private static double tauBOfEveryPair(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                int dx = Double.compare(x[i], x[j]);
                int dy = Double.compare(y[i], y[j]);
                if (dx == 0 && dy == 0) {
                    continue;
                }
                if (dx == 0) {
                    tiedX++;
                } else if (dy == 0) {
                    tiedY++;
                } else if (dx == dy) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiedX) * (concordant + discordant + tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    @Test
    void kendallTauBEqualsThePairByPairDefinitionToTheBitWithTiesEverywhere() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[] special = {0.0, -0.0, Double.NaN, 1.0, Double.POSITIVE_INFINITY};
        for (int trial = 0; trial < 3000; trial++) {
            int n = trial < 50 ? trial % 6 : 1 + random.nextInt(trial % 7 == 0 ? 600 : 40);
            int levels = 1 + random.nextInt(trial % 3 == 0 ? 3 : 50); // few levels: ties in x, in y and in both
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(20) == 0 ? special[random.nextInt(special.length)] : random.nextInt(levels);
                y[i] = random.nextBoolean() ? x[i] + random.nextInt(2) : random.nextInt(levels) / 7.0;
            }
            double expected = tauBOfEveryPair(x, y);
            assertThat(Double.doubleToRawLongBits(KendallTau.tauB(x, y))).as("trial %d, n %d", trial, n)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @Test
    void aRefreshOfTheSameScoresGivesEqualRowsAndAChangedScoreAnUnequalOne() {
        Map<String, Map<String, Double>> scores = Map.of("og", Map.of("a", 0.9, "b", 0.2), "changed", Map.of("a", 0.1));
        Comparison first = Comparison.of(List.of("og", "changed"), scores, Map.of("a", "A"));
        Comparison again = Comparison.of(List.of("og", "changed"), scores, Map.of("a", "A"));
        Comparison moved = Comparison.of(List.of("og", "changed"),
                Map.of("og", Map.of("a", 0.9, "b", 0.2), "changed", Map.of("a", 0.15)), Map.of("a", "A"));

        assertThat(again.rows()).isEqualTo(first.rows()); // the window keeps its selection: no change event
        assertThat(again.rows().get(0).hashCode()).isEqualTo(first.rows().get(0).hashCode());
        assertThat(moved.rows().get(0)).isNotEqualTo(first.rows().get(0));
        assertThat(moved.rows().get(1)).isEqualTo(first.rows().get(1)); // b: scored under og only, as before
        assertThat(first.rows().get(1).score("changed")).isNull();
        assertThat(first.rows().get(1).rank("changed")).isNull();
        assertThat(first.rows().get(1).score("no-such-variant")).isNull();
    }

    @Test
    void comparisonRanksFlipsAndSummarises() {
        Comparison c = Comparison.of(List.of("og", "changed"), Map.of(
                "og", Map.of("avatar", 0.9, "titanic", 0.8, "jaws", 0.1, "tie-a", 0.5, "tie-b", 0.5),
                "changed", Map.of("avatar", 0.2, "titanic", 0.85, "jaws", 0.05, "tie-a", 0.5)),
                Map.of("avatar", "Avatar"));
        assertThat(c.rows()).extracting(ComparisonRow::docId)
                .containsExactly("avatar", "titanic", "tie-b", "tie-a", "jaws");
        ComparisonRow avatar = c.rows().get(0);
        assertThat(avatar.title()).isEqualTo("Avatar");
        assertThat(avatar.delta("og", "changed")).isCloseTo(-0.7, Offset.offset(1e-12));
        assertThat(avatar.rankChange("og", "changed")).isEqualTo(1 - 3);
        assertThat(avatar.flipped("og", "changed", 0.5)).isTrue();
        ComparisonRow tieB = c.rows().get(2);
        assertThat(tieB.rank("og")).isEqualTo(3); // doc id descending breaks the 0.5 tie: tie-b before tie-a
        assertThat(tieB.score("changed")).isNull();
        assertThat(tieB.delta("og", "changed")).isNull();
        Comparison.Summary s = c.summary("og", "changed", 0.5);
        assertThat(s.compared()).isEqualTo(4);
        assertThat(s.flips()).isEqualTo(1);
        assertThat(s.meanAbsDelta()).isCloseTo((0.7 + 0.05 + 0.05 + 0) / 4, Offset.offset(1e-12));
        // og order avatar > titanic > tie-a > jaws; changed: titanic > tie-a > avatar > jaws:
        // pairs: (av,ti) D, (av,ta) D, (av,ja) C, (ti,ta) C, (ti,ja) C, (ta,ja) C → (4 − 2) / 6
        assertThat(s.kendallTau()).isCloseTo(2.0 / 6, Offset.offset(1e-12));
    }
}
