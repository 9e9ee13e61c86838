package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the comparison scatter's dots, axes and ticks go, and which dot lies under the pointer, for any number of
 * points: the geometry of {@link ScatterPlot}, kept free of JavaFX so that it is tested on its own. Hit-testing uses a
 * uniform grid of cells a dot wide, so finding the dot under the pointer looks at a handful of dots, not all of them.
 */
final class ScatterLayout {
    /** Room for tick labels left of and below the plot. */
    static final double LEFT = 44;
    static final double BOTTOM = 36;
    static final double TOP = 8;
    static final double RIGHT = 10;
    static final double RADIUS = 3.5;
    /** How far from a dot's centre the pointer still picks it. */
    static final double PICK = 6;

    /** One axis: its data range and evenly spaced ticks at round values. */
    record Axis(double min, double max, double[] ticks) {
        String label(double tick) {
            double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
            int decimals = 0; // as many as the step needs: 0.25 → 2, 0.5 → 1, 2 → 0
            while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals)))
                    > 1e-9 * Math.pow(10, decimals)) {
                decimals++;
            }
            return String.format(Locale.US, "%." + decimals + "f", tick);
        }
    }

    private final List<ComparisonViewModel.Point> points;
    private final double width;
    private final double height;
    private final Axis x;
    private final Axis y;
    private final double[] sx;
    private final double[] sy;
    private final int columns;
    private final int rows;
    private final int[][] grid; // cell → indices of the points in it

    ScatterLayout(List<ComparisonViewModel.Point> points, double width, double height) {
        this.points = List.copyOf(points);
        this.width = Math.max(width, LEFT + RIGHT + 1);
        this.height = Math.max(height, TOP + BOTTOM + 1);
        this.x = axis(this.points.stream().mapToDouble(ComparisonViewModel.Point::a).toArray());
        this.y = axis(this.points.stream().mapToDouble(ComparisonViewModel.Point::b).toArray());
        int n = this.points.size();
        sx = new double[n];
        sy = new double[n];
        columns = Math.max(1, (int) Math.ceil(plotWidth() / PICK));
        rows = Math.max(1, (int) Math.ceil(plotHeight() / PICK));
        int[] counts = new int[columns * rows];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            sx[i] = toScreenX(this.points.get(i).a());
            sy[i] = toScreenY(this.points.get(i).b());
            cellOf[i] = cell(sx[i], sy[i]);
            counts[cellOf[i]]++;
        }
        grid = new int[columns * rows][];
        for (int c = 0; c < grid.length; c++) {
            grid[c] = new int[counts[c]];
        }
        int[] filled = new int[grid.length];
        for (int i = 0; i < n; i++) {
            grid[cellOf[i]][filled[cellOf[i]]++] = i;
        }
    }

    /**
     * The range of the values with round ticks: p(true) stays on [0, 1]; other scores (BM25) get a range padded to
     * round numbers. An empty or constant set still gets a usable axis.
     */
    static Axis axis(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        if (min >= 0 && max <= 1) {
            return new Axis(0, 1, new double[] {0, 0.25, 0.5, 0.75, 1});
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double step = niceStep((max - min) / 4);
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (double t = lo; t <= hi + step / 2; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return new Axis(lo, hi, ticks.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** 1, 2 or 5 times a power of ten, the nearest at or above {@code raw}. */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    double plotWidth() {
        return width - LEFT - RIGHT;
    }

    double plotHeight() {
        return height - TOP - BOTTOM;
    }

    Axis x() {
        return x;
    }

    Axis y() {
        return y;
    }

    double toScreenX(double value) {
        return LEFT + (value - x.min()) / (x.max() - x.min()) * plotWidth();
    }

    double toScreenY(double value) {
        return TOP + (1 - (value - y.min()) / (y.max() - y.min())) * plotHeight();
    }

    int size() {
        return points.size();
    }

    double screenX(int i) {
        return sx[i];
    }

    double screenY(int i) {
        return sy[i];
    }

    ComparisonViewModel.Point point(int i) {
        return points.get(i);
    }

    private int cell(double px, double py) {
        int c = (int) Math.floor((px - LEFT) / PICK);
        int r = (int) Math.floor((py - TOP) / PICK);
        c = Math.max(0, Math.min(columns - 1, c));
        r = Math.max(0, Math.min(rows - 1, r));
        return r * columns + c;
    }

    /** The index of the dot nearest to the pointer within {@link #PICK} pixels, or -1. */
    int pick(double px, double py) {
        int c0 = (int) Math.floor((px - LEFT) / PICK);
        int r0 = (int) Math.floor((py - TOP) / PICK);
        int best = -1;
        double bestDistance = PICK * PICK;
        for (int r = r0 - 1; r <= r0 + 1; r++) {
            for (int c = c0 - 1; c <= c0 + 1; c++) {
                if (r < 0 || c < 0 || r >= rows || c >= columns) {
                    continue;
                }
                for (int i : grid[r * columns + c]) {
                    double dx = sx[i] - px;
                    double dy = sy[i] - py;
                    double d = dx * dx + dy * dy;
                    if (d < bestDistance || (d == bestDistance && i > best)) { // ties: the later dot, drawn on top
                        bestDistance = d;
                        best = i;
                    }
                }
            }
        }
        return best;
    }
}
