package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scatter's geometry: axes, ticks, screen positions, and the grid's hit test against a brute-force search. */
class ScatterLayoutTest {
    @Test
    void probabilitiesGetTheUnitSquareAndOtherScoresRoundTicks() {
        ScatterLayout.Axis p = ScatterLayout.axis(new double[] {0.02, 0.97, 0.5});
        assertThat(p.min()).isZero();
        assertThat(p.max()).isEqualTo(1.0);
        assertThat(p.ticks()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(p.label(0.25)).isEqualTo("0.25");
        ScatterLayout.Axis bm25 = ScatterLayout.axis(new double[] {0, 4.626, 2.39});
        assertThat(bm25.min()).isZero();
        assertThat(bm25.max()).isEqualTo(6.0);
        assertThat(bm25.ticks()).containsExactly(0, 2, 4, 6);
        assertThat(bm25.label(4)).isEqualTo("4");
        assertThat(ScatterLayout.axis(new double[] {0, 1.3}).label(0.5)).isEqualTo("0.5");
        ScatterLayout.Axis negative = ScatterLayout.axis(new double[] {-12.5, 3.1});
        assertThat(negative.min()).isLessThanOrEqualTo(-12.5);
        assertThat(negative.max()).isGreaterThanOrEqualTo(3.1);
        assertThat(ScatterLayout.axis(new double[] {}).ticks()).hasSize(5);
        assertThat(ScatterLayout.axis(new double[] {7, 7}).min()).isLessThan(7);
        assertThat(ScatterLayout.niceStep(0.3)).isEqualTo(0.5);
        assertThat(ScatterLayout.niceStep(13)).isEqualTo(20);
    }

    @Test
    void dotsSitWhereTheirScoresSayInsideThePlot() {
        ScatterLayout layout = new ScatterLayout(List.of(new ComparisonViewModel.Point("low", 0, 0),
                new ComparisonViewModel.Point("high", 1, 1)), 300, 200);
        assertThat(layout.screenX(0)).isEqualTo(ScatterLayout.LEFT);
        assertThat(layout.screenY(0)).isEqualTo(200 - ScatterLayout.BOTTOM);
        assertThat(layout.screenX(1)).isEqualTo(300 - ScatterLayout.RIGHT);
        assertThat(layout.screenY(1)).isEqualTo(ScatterLayout.TOP);
        assertThat(layout.pick(layout.screenX(1) - 2, layout.screenY(1) + 2)).isEqualTo(1);
        assertThat(layout.pick(150, 100)).as("nothing near the middle").isEqualTo(-1);
    }

    @Test
    void theGridFindsTheNearestDotAsABruteForceSearchDoes() {
        Random random = new Random(2026);
        List<ComparisonViewModel.Point> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(new ComparisonViewModel.Point("d" + i, random.nextDouble(), random.nextDouble()));
        }
        ScatterLayout layout = new ScatterLayout(points, 400, 300);
        for (int probe = 0; probe < 2_000; probe++) {
            double x = random.nextDouble() * 400;
            double y = random.nextDouble() * 300;
            int best = -1;
            double bestDistance = ScatterLayout.PICK * ScatterLayout.PICK;
            for (int i = 0; i < layout.size(); i++) {
                double d = Math.pow(layout.screenX(i) - x, 2) + Math.pow(layout.screenY(i) - y, 2);
                if (d < bestDistance || (d == bestDistance && i > best)) {
                    bestDistance = d;
                    best = i;
                }
            }
            assertThat(layout.pick(x, y)).as("probe at %.1f, %.1f", x, y).isEqualTo(best);
        }
    }
}
