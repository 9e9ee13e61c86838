package org.relevanceworkbench.attribution;

import java.util.Locale;

/**
 * The diverging colours of Δp for heat maps and word occlusion: ColorBrewer's 7-class RdBu, red where leaving a
 * clause or word out lowers p(true) (the score leans on it), white near 0, blue where it raises p(true). Linear in Δ
 * between the classes' centres; Δ beyond ±{@code range} takes the end colour. Plain RGB, so views of any toolkit and
 * image exports use the same scale.
 */
public final class DeltaColors {
    /** RdBu, from Δ = −range to +range. */
    private static final int[] STOPS = {0xb2182b, 0xef8a62, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x67a9cf, 0x2166ac};
    /** Where Δ is unknown. */
    public static final int UNKNOWN = 0xbdbdbd;

    private DeltaColors() {
    }

    /** 0xRRGGBB for Δ on a scale of ±range (e.g. 1 for p(true) differences). */
    public static int rgb(double delta, double range) {
        if (Double.isNaN(delta) || !(range > 0)) {
            return UNKNOWN;
        }
        double t = (Math.max(-range, Math.min(range, delta)) / range + 1) / 2 * (STOPS.length - 1); // 0 … 6
        int low = (int) Math.floor(t);
        if (low >= STOPS.length - 1) {
            return STOPS[STOPS.length - 1];
        }
        double f = t - low;
        return mix(STOPS[low], STOPS[low + 1], f);
    }

    /** {@code #rrggbb}. */
    public static String hex(double delta, double range) {
        return String.format(Locale.ROOT, "#%06x", rgb(delta, range));
    }

    private static int mix(int a, int b, double f) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int x = (a >> shift) & 0xff;
            int y = (b >> shift) & 0xff;
            out |= (int) Math.round(x + (y - x) * f) << shift;
        }
        return out;
    }
}
