package org.relevanceworkbench.ui;

/**
 * The scatter's dots painted in Java into one premultiplied ARGB raster, which the window shows as a single image: a
 * renderer then uploads one texture instead of filling 10,000 shapes at every frame the plot changes (on a software
 * renderer, as under Xvfb, those fills were what a run's streaming waited for). Free of JavaFX, so it is tested on its
 * own; each dot is an antialiased disc of {@link ScatterLayout#RADIUS}, later dots over earlier ones (source-over).
 */
final class ScatterDots {
    /** Quarter-pixel positions: a dot's centre is placed to 1/4 pixel, each offset with its own precomputed disc. */
    private static final int SUB = 4;
    private final int width;
    private final int height;
    private final double scale;
    private final int[] argb;

    /**
     * A raster of {@code width} × {@code height} pixels for a plot laid out in units of {@code 1 / scale} pixels (the
     * window's output scale: 2 on a HiDPI screen, so the dots stay sharp), all transparent.
     */
    ScatterDots(int width, int height, double scale) {
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.scale = scale;
        this.argb = new int[this.width * this.height];
    }

    /** The pixels, row by row, premultiplied ARGB (JavaFX's IntArgbPre). */
    int[] pixels() {
        return argb;
    }

    /** The pixel at (x, y) of the raster, premultiplied ARGB. */
    int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /** Paints every dot of {@code layout} in {@code colour} (straight, not premultiplied, ARGB) over what is there. */
    ScatterDots paint(ScatterLayout layout, int colour) {
        double r = ScatterLayout.RADIUS * scale;
        int reach = (int) Math.ceil(r + 0.5); // pixels from the centre's pixel that a disc can touch
        int side = 2 * reach + 1;
        int[][] sprites = sprites(colour, r, reach, side);
        for (int i = 0; i < layout.size(); i++) {
            double cx = layout.screenX(i) * scale;
            double cy = layout.screenY(i) * scale;
            int px = (int) Math.floor(cx);
            int py = (int) Math.floor(cy);
            int[] sprite = sprites[quarter(cy - py) * SUB + quarter(cx - px)];
            for (int y = Math.max(0, py - reach); y <= Math.min(height - 1, py + reach); y++) {
                int row = (y - py + reach) * side - px + reach;
                for (int x = Math.max(0, px - reach); x <= Math.min(width - 1, px + reach); x++) {
                    int src = sprite[row + x];
                    if (src != 0) {
                        argb[y * width + x] = over(src, argb[y * width + x]);
                    }
                }
            }
        }
        return this;
    }

    private static int quarter(double fraction) {
        return Math.min(SUB - 1, (int) (fraction * SUB));
    }

    /**
     * The disc in premultiplied ARGB for each quarter-pixel offset of its centre, {@code side} × {@code side} pixels
     * around the centre's pixel. A pixel's coverage is approximated by its centre's distance to the edge: 1 inside,
     * 0 outside, a linear ramp over the pixel that the edge crosses.
     */
    private static int[][] sprites(int colour, double r, int reach, int side) {
        double alpha = (colour >>> 24) / 255.0;
        int[][] sprites = new int[SUB * SUB][side * side];
        for (int qy = 0; qy < SUB; qy++) {
            for (int qx = 0; qx < SUB; qx++) {
                int[] sprite = sprites[qy * SUB + qx];
                double ox = (qx + 0.5) / SUB;
                double oy = (qy + 0.5) / SUB;
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        double dx = x - reach + 0.5 - ox;
                        double dy = y - reach + 0.5 - oy;
                        double coverage = Math.max(0, Math.min(1, r + 0.5 - Math.sqrt(dx * dx + dy * dy)));
                        double a = alpha * coverage;
                        sprite[y * side + x] = a == 0 ? 0 : channel(a) << 24 | channel((colour >> 16 & 0xff) / 255.0 * a)
                                << 16 | channel((colour >> 8 & 0xff) / 255.0 * a) << 8 | channel((colour & 0xff) / 255.0 * a);
                    }
                }
            }
        }
        return sprites;
    }

    /** Source-over of premultiplied {@code src} onto premultiplied {@code dst}, each channel rounded. */
    private static int over(int src, int dst) {
        int keep = 255 - (src >>> 24);
        int a = (src >>> 24) + scaled(dst >>> 24, keep);
        int red = (src >> 16 & 0xff) + scaled(dst >> 16 & 0xff, keep);
        int green = (src >> 8 & 0xff) + scaled(dst >> 8 & 0xff, keep);
        int blue = (src & 0xff) + scaled(dst & 0xff, keep);
        return a << 24 | red << 16 | green << 8 | blue;
    }

    /** {@code value · factor / 255}, rounded. */
    private static int scaled(int value, int factor) {
        int t = value * factor + 128;
        return (t + (t >> 8)) >> 8;
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
