package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scatter's dots as pixels: where a dot is painted, in which colour, how overlaps add up, and nothing elsewhere. */
class ScatterDotsTest {
    private static final int OPAQUE_RED = 0xffff0000;

    private static ScatterLayout layout(double... ab) {
        List<ComparisonViewModel.Point> points = new ArrayList<>();
        for (int i = 0; i < ab.length; i += 2) {
            points.add(new ComparisonViewModel.Point("d" + i, ab[i], ab[i + 1]));
        }
        return new ScatterLayout(points, 300, 200);
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    @Test
    void aDotIsADiscOfItsRadiusInItsColourAndTheRestStaysTransparent() {
        ScatterLayout one = layout(0.5, 0.5);
        ScatterDots dots = new ScatterDots(300, 200, 1).paint(one, ScatterPlot.DOT);
        int cx = (int) one.screenX(0);
        int cy = (int) one.screenY(0);
        int centre = dots.pixel(cx, cy);
        assertThat(alpha(centre)).as("75%% opaque at the centre").isEqualTo(0xbf);
        // Premultiplied: each channel times 191/255 (0xe4 → 171, 0x57 → 65, 0x2e → 34).
        assertThat(centre & 0xffffff).isEqualTo(171 << 16 | 65 << 8 | 34);
        assertThat(alpha(dots.pixel(cx + 1, cy + 1))).as("inside the radius of 3.5").isEqualTo(0xbf);
        assertThat(dots.pixel(cx + 6, cy)).as("beyond the radius").isZero();
        assertThat(dots.pixel(cx, cy - 6)).isZero();
        int edge = alpha(dots.pixel(cx + 3, cy)); // its centre 3.5 from the dot's: on the antialiased edge
        assertThat(edge).isStrictlyBetween(0, 0xbf);
        long painted = 0;
        for (int p : dots.pixels()) {
            painted += p == 0 ? 0 : 1;
        }
        assertThat(painted).as("about π · 4² pixels, edge included").isBetween(36L, 64L);
    }

    @Test
    void overlappingDotsAddUpAsSourceOverAndOpaqueStaysOpaque() {
        ScatterDots two = new ScatterDots(300, 200, 1).paint(layout(0.5, 0.5, 0.5, 0.5), ScatterPlot.DOT);
        ScatterLayout at = layout(0.5, 0.5);
        int centre = two.pixel((int) at.screenX(0), (int) at.screenY(0));
        assertThat(alpha(centre)).as("1 − 0.25² of the way to opaque").isEqualTo(239);
        ScatterDots red = new ScatterDots(300, 200, 1).paint(layout(0.5, 0.5, 0.5, 0.5), OPAQUE_RED);
        assertThat(red.pixel((int) at.screenX(0), (int) at.screenY(0))).isEqualTo(OPAQUE_RED);
    }

    @Test
    void atTwiceTheOutputScaleTheDiscIsTwiceAsWideInPixels() {
        ScatterLayout one = layout(0.5, 0.5);
        ScatterDots hiDpi = new ScatterDots(600, 400, 2).paint(one, OPAQUE_RED);
        int cx = (int) (one.screenX(0) * 2);
        int cy = (int) (one.screenY(0) * 2);
        assertThat(hiDpi.pixel(cx + 5, cy)).isEqualTo(OPAQUE_RED);
        assertThat(hiDpi.pixel(cx + 9, cy)).isZero();
    }

    @Test
    void dotsOnTheRasterEdgesAreClippedAndTenThousandArePainted() {
        // Corners of the plot, and a raster smaller than the layout: no pixel outside the raster is touched.
        ScatterLayout corners = layout(0, 0, 1, 1, 0, 1, 1, 0);
        ScatterDots small = new ScatterDots(100, 80, 1).paint(corners, OPAQUE_RED);
        assertThat(small.pixels()).hasSize(100 * 80);
        ScatterDots full = new ScatterDots(300, 200, 1).paint(corners, OPAQUE_RED);
        assertThat(full.pixel((int) corners.screenX(1), (int) corners.screenY(1))).isEqualTo(OPAQUE_RED);
        assertThat(full.pixel((int) corners.screenX(0), (int) corners.screenY(0) - 1)).isEqualTo(OPAQUE_RED);

        Random random = new Random(7);
        double[] many = new double[20_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = random.nextDouble();
        }
        ScatterLayout dense = layout(many);
        ScatterDots painted = new ScatterDots(300, 200, 1).paint(dense, ScatterPlot.DOT);
        for (int i = 0; i < dense.size(); i += 97) {
            assertThat(alpha(painted.pixel((int) dense.screenX(i), (int) dense.screenY(i))))
                    .as("dot %d is painted", i).isGreaterThanOrEqualTo(0xbf);
        }
    }
}
