package org.relevanceworkbench.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** An assessor against FollowIR's p(true), with the 2×2 counts and κ worked out in the comments. */
class ModelAgreementTest {
    private static final Offset<Double> EXACT = within(1e-12);

    /**
     * Ten documents. The assessor grades d1 and d2 2, d3–d5 1, d6–d10 0; the model's p(true):
     * <pre>
     *   d1 .9  d2 .8  d3 .7  d4 .6  d5 .4  |  d6 .55  d7 .3  d8 .2  d9 .1  d10 .05
     * </pre>
     */
    private static List<ScoredJudgment> tenDocuments() {
        int[] grades = {2, 2, 1, 1, 1, 0, 0, 0, 0, 0};
        double[] p = {0.9, 0.8, 0.7, 0.6, 0.4, 0.55, 0.3, 0.2, 0.1, 0.05};
        List<ScoredJudgment> out = new ArrayList<>();
        for (int i = 0; i < grades.length; i++) {
            out.add(new ScoredJudgment("301", "og", "d" + (i + 1), grades[i], p[i]));
        }
        return out;
    }

    @Test
    void countsAccuracyAndKappaAtTheDefaultThreshold() {
        // level 1, p ≥ 0.5: TP d1–d4 = 4, FN d5 = 1, FP d6 = 1, TN d7–d10 = 4; accuracy 8/10
        // assessor relevant 5, model relevant 5: p_e = (5·5 + 5·5)/100 = 0.5; κ = (0.8 − 0.5)/0.5 = 0.6
        ModelAgreement m = ModelAgreement.of(tenDocuments(), 1, 0.5);
        assertThat(List.of(m.truePositives(), m.falsePositives(), m.falseNegatives(), m.trueNegatives()))
                .containsExactly(4L, 1L, 1L, 4L);
        assertThat(m.accuracy()).isCloseTo(0.8, EXACT);
        assertThat(m.kappa().value()).isCloseTo(0.6, EXACT);
    }

    @Test
    void theLevelDecidesWhatTheAssessorCallsRelevant() {
        // level 2: only d1, d2 relevant. p ≥ 0.5 → model relevant d1–d4, d6
        // TP 2, FP 3 (d3, d4, d6), FN 0, TN 5; p_o = 0.7; p_e = (2·5 + 8·5)/100 = 0.5; κ = 0.2/0.5 = 0.4
        ModelAgreement m = ModelAgreement.of(tenDocuments(), 2, 0.5);
        assertThat(List.of(m.truePositives(), m.falsePositives(), m.falseNegatives(), m.trueNegatives()))
                .containsExactly(2L, 3L, 0L, 5L);
        assertThat(m.kappa().value()).isCloseTo(0.4, EXACT);
    }

    @Test
    void calibrationBreaksEqualKappaTowardsOneHalf() {
        // Candidates: 0.5 and the midpoints .075 .15 .25 .35 .475 .575 .65 .75 .85.
        //   0.35 → model relevant d1–d6: TP 5, FP 1, FN 0, TN 4: p_o 0.9, p_e (5·6 + 5·4)/100 = 0.5 → κ 0.8
        //   0.575 → model relevant d1–d4: TP 4, FP 0, FN 1, TN 5: p_o 0.9, p_e (5·4 + 5·6)/100 = 0.5 → κ 0.8
        //   0.475 and 0.5 give the 0.6 above, 0.25 → TP 5, FP 2, TN 3: κ 0.6; the rest are lower.
        // 0.35 and 0.575 tie at 0.8; 0.575 is closer to 0.5 (0.075 against 0.15).
        ModelAgreement best = ModelAgreement.calibrate(tenDocuments(), 1).orElseThrow();
        assertThat(best.threshold()).isCloseTo(0.575, EXACT);
        assertThat(best.kappa().value()).isCloseTo(0.8, EXACT);
        assertThat(List.of(best.truePositives(), best.falsePositives(), best.falseNegatives(), best.trueNegatives()))
                .containsExactly(4L, 0L, 1L, 5L);
    }

    @Test
    void calibrationFindsTheThresholdThatSeparatesTheClasses() {
        // level 2: relevant d1 (.9), d2 (.8); the midpoint between .7 and .8 = .75 splits them off exactly: κ 1
        ModelAgreement best = ModelAgreement.calibrate(tenDocuments(), 2).orElseThrow();
        assertThat(best.threshold()).isCloseTo(0.75, EXACT);
        assertThat(best.kappa().value()).isEqualTo(1.0);
        // and a threshold of the calibration, given back, reproduces its counts
        ModelAgreement again = ModelAgreement.of(tenDocuments(), 2, best.threshold());
        assertThat(again.matrix().count(1, 1)).isEqualTo(best.truePositives());
        assertThat(again.kappa().value()).isEqualTo(1.0);
    }

    @Test
    void whenNoThresholdGivesADefinedKappaCalibrationSaysSo() {
        // every document relevant and scored 0.9: one candidate (0.5), model relevant everywhere → p_e = 1
        List<ScoredJudgment> same = List.of(new ScoredJudgment("301", "og", "a", 1, 0.9),
                new ScoredJudgment("301", "og", "b", 2, 0.9));
        assertThat(ModelAgreement.calibrate(same, 1)).isEqualTo(Optional.empty());
        ModelAgreement at = ModelAgreement.of(same, 1, 0.5);
        assertThat(at.kappa().isDefined()).isFalse();
        assertThat(at.accuracy()).isEqualTo(1.0);
    }
}
