package org.relevanceworkbench.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.relevanceworkbench.store.Judgment;

/** Cohen's κ and weighted κ between two assessors, against values worked out by hand in the comments. */
class AgreementTest {
    private static final Offset<Double> EXACT = within(1e-12);

    private static Judgment judgment(String assessor, String topic, String variant, String doc, int grade) {
        return new Judgment(assessor, topic, variant, doc, grade, null, 0, null);
    }

    /** ann and bob judge documents d0, d1, … of topic 301/og with the paired grades given. */
    private static List<Judgment> pairs(int[]... annAndBob) {
        List<Judgment> out = new ArrayList<>();
        for (int i = 0; i < annAndBob.length; i++) {
            out.add(judgment("ann", "301", "og", "d" + i, annAndBob[i][0]));
            out.add(judgment("bob", "301", "og", "d" + i, annAndBob[i][1]));
        }
        return out;
    }

    /** {@code count} copies of the grade pair (ann, bob). */
    private static int[][] times(int count, int ann, int bob) {
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new int[] {ann, bob};
        }
        return out;
    }

    private static int[][] concat(int[][]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(int[][]::new);
    }

    @Test
    void theClassicTwoByTwoExample() {
        // 10 documents: both relevant 4, ann only 1, bob only 2, neither 3.
        // p_o = (4 + 3) / 10 = 0.7; ann says relevant 5×, bob 6×: p_e = (5·6 + 5·4) / 100 = 0.5
        // κ = (0.7 − 0.5) / (1 − 0.5) = 0.4; with two categories every weighting gives the same κ.
        Agreement a = Agreement.of(pairs(concat(times(4, 1, 1), times(1, 1, 0), times(2, 0, 1), times(3, 0, 0))),
                "ann", "bob", JudgmentScope.ALL);
        assertThat(a.n()).isEqualTo(10);
        assertThat(a.kappa().observed()).isCloseTo(0.7, EXACT);
        assertThat(a.kappa().expected()).isCloseTo(0.5, EXACT);
        assertThat(a.kappa().value()).isCloseTo(0.4, EXACT);
        assertThat(a.linear().value()).isCloseTo(0.4, EXACT);
        assertThat(a.quadratic().value()).isCloseTo(0.4, EXACT);
        assertThat(a.grades().count(1, 0)).isEqualTo(1); // rows ann, columns bob
        assertThat(a.grades().count(0, 1)).isEqualTo(2);
    }

    @Test
    void weightedKappaOnThreeGrades() {
        // rows ann, columns bob, grades 0 1 2; n = 10
        //        0  1  2 | row
        //   0    3  1  0 |  4
        //   1    1  2  1 |  4
        //   2    0  1  1 |  2
        //   col  4  4  2
        // unweighted: p_o = 6/10 = 0.6; p_e = (4·4 + 4·4 + 2·2)/100 = 0.36; κ = 0.24/0.64 = 0.375
        // linear, w = |i−j|: Σw·O = 1+1+1+1 = 4; Σw·row·col = (16+2·8) + (16+8) + (2·8+8) = 80
        //   κ = 1 − n·4/80 = 1 − 40/80 = 0.5   (p_o = 1 − 4/(10·2) = 0.8, p_e = 1 − 80/(100·2) = 0.6)
        // quadratic, w = (i−j)²: Σw·O = 4; Σw·row·col = (16+4·8) + (16+8) + (4·8+8) = 112
        //   κ = 1 − 40/112 = 9/14 = 0.642857…   (p_o = 1 − 4/40 = 0.9, p_e = 1 − 112/400 = 0.72)
        Agreement a = Agreement.of(pairs(concat(times(3, 0, 0), times(1, 0, 1), times(1, 1, 0), times(2, 1, 1),
                times(1, 1, 2), times(1, 2, 1), times(1, 2, 2))), "ann", "bob", JudgmentScope.ALL);
        assertThat(a.grades().categories()).containsExactly(0, 1, 2);
        assertThat(a.kappa().value()).isCloseTo(0.375, EXACT);
        assertThat(a.linear().observed()).isCloseTo(0.8, EXACT);
        assertThat(a.linear().expected()).isCloseTo(0.6, EXACT);
        assertThat(a.linear().value()).isCloseTo(0.5, EXACT);
        assertThat(a.quadratic().observed()).isCloseTo(0.9, EXACT);
        assertThat(a.quadratic().expected()).isCloseTo(0.72, EXACT);
        assertThat(a.quadratic().value()).isCloseTo(9.0 / 14, EXACT);
    }

    @Test
    void categoriesAreTheGradesSeenInOrderSoAGapIsOneStep() {
        // Grades 0, 1 and 3 occur: categories at positions 0, 1, 2, so 1-vs-3 is one step like 0-vs-1.
        // pairs (ann, bob): (0,0) (1,1) (3,3) (0,1) (0,1); n = 5
        // rows (ann) by position: 3 1 1; columns (bob): 1 3 1
        // unweighted: p_o = 3/5; p_e = (3·1 + 1·3 + 1·1)/25 = 7/25; κ = (15/25 − 7/25)/(18/25) = 8/18 = 4/9
        // linear, w = |i−j| over positions: Σw·O = 2 (the two 0-vs-1)
        //   Σw·row·col = 3·(1·3 + 2·1) + 1·(1·1 + 1·1) + 1·(2·1 + 1·3) = 15 + 2 + 5 = 22
        //   κ = 1 − 5·2/22 = 6/11
        //   (weighing by grade values, w(1,3) = 2 and w(0,3) = 3, would give Σw·row·col = 30 and κ = 2/3)
        // quadratic, w = (i−j)²: Σw·O = 2; Σw·row·col = 3·(3 + 4) + 1·(1 + 1) + 1·(4 + 3) = 30
        //   κ = 1 − 10/30 = 2/3
        Agreement a = Agreement.of(pairs(new int[] {0, 0}, new int[] {1, 1}, new int[] {3, 3}, new int[] {0, 1},
                new int[] {0, 1}), "ann", "bob", JudgmentScope.ALL);
        assertThat(a.grades().categories()).containsExactly(0, 1, 3);
        assertThat(a.kappa().value()).isCloseTo(4.0 / 9, EXACT);
        assertThat(a.linear().value()).isCloseTo(6.0 / 11, EXACT);
        assertThat(a.quadratic().value()).isCloseTo(2.0 / 3, EXACT);
    }

    @Test
    void perfectAgreementIsOne() {
        Agreement a = Agreement.of(pairs(new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 2}),
                "ann", "bob", JudgmentScope.ALL);
        assertThat(a.kappa().value()).isEqualTo(1.0);
        assertThat(a.linear().value()).isEqualTo(1.0);
        assertThat(a.quadratic().value()).isEqualTo(1.0);
    }

    @Test
    void kappaIsUndefinedWhenBothGaveEveryDocumentTheSameGrade() {
        // p_o = 1 and p_e = 1: κ = 0/0
        Agreement a = Agreement.of(pairs(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}), "ann", "bob",
                JudgmentScope.ALL);
        assertThat(a.kappa().isDefined()).isFalse();
        assertThat(a.kappa().expected()).isEqualTo(1.0);
        assertThat(a.kappa().format()).isEqualTo(
                "undefined (expected agreement is 1: both gave every item the same grade)");
        assertThatThrownBy(() -> a.kappa().value()).isInstanceOf(IllegalStateException.class);
        assertThat(a.linear().isDefined()).isFalse();
        assertThat(a.quadratic().isDefined()).isFalse();
        // one grade each, but different ones: p_e = 0, κ = (0 − 0)/1 = 0, defined
        Agreement apart = Agreement.of(pairs(new int[] {1, 0}, new int[] {1, 0}), "ann", "bob", JudgmentScope.ALL);
        assertThat(apart.kappa().value()).isZero();
    }

    @Test
    void onlyDocumentsBothJudgedUnderTheSameTopicVariantCountAndTheScopeFilters() {
        List<Judgment> judgments = List.of(
                judgment("ann", "301", "og", "d1", 1), judgment("bob", "301", "og", "d1", 1),
                judgment("ann", "301", "og", "d2", 0), judgment("bob", "301", "og", "d2", 1),
                judgment("ann", "301", "changed", "d1", 0), judgment("bob", "301", "changed", "d1", 0),
                judgment("ann", "302", "og", "d1", 1),              // bob did not judge it
                judgment("bob", "302", "changed", "d1", 1),          // ann judged d1 of 302 under og, not changed
                judgment("cat", "301", "og", "d1", 0));              // a third assessor is ignored
        assertThat(Agreement.of(judgments, "ann", "bob", JudgmentScope.ALL).n()).isEqualTo(3);
        assertThat(Agreement.of(judgments, "ann", "bob", new JudgmentScope(null, "og")).n()).isEqualTo(2);
        assertThat(Agreement.of(judgments, "ann", "bob", new JudgmentScope("301", "changed")).n()).isEqualTo(1);
        Agreement none = Agreement.of(judgments, "ann", "bob", new JudgmentScope("302", null));
        assertThat(none.n()).isZero();
        assertThat(none.kappa().format()).isEqualTo("undefined (no items were rated by both)");
    }
}
