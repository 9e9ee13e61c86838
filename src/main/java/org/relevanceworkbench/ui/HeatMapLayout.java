package org.relevanceworkbench.ui;

/**
 * Where the attribution heat map's parts go and what lies under the pointer: the geometry of {@link HeatMapView},
 * free of JavaFX so that it is tested on its own. Left to right: the document ids, the p_full column, then a cell per
 * column; top to bottom: the column headers, the document rows, the summary rows. Headers, ids, p_full and the summary
 * stay put while the rows scroll vertically and the cells horizontally, so only what is in view is drawn and a
 * hundred documents by a dozen clauses cost the same per frame as ten by three.
 */
final class HeatMapLayout {
    static final double HEADER = 28;
    static final double ROW = 20;
    static final double SUMMARY_ROW = 18;
    static final double P_WIDTH = 60;
    static final double MIN_CELL = 24;
    static final double MAX_CELL = 72;
    /** Cells at least this wide show their Δ as text. */
    static final double TEXT_CELL = 34;

    /** The parts of the map. */
    enum Area { NONE, DOCUMENT_HEADER, P_FULL_HEADER, COLUMN_HEADER, DOCUMENT, P_FULL, CELL, SUMMARY_LABEL, SUMMARY }

    /**
     * What lies under a point.
     *
     * @param row    the display row (DOCUMENT, P_FULL, CELL) or the summary row (SUMMARY_LABEL, SUMMARY); else -1
     * @param column the column (COLUMN_HEADER, CELL, SUMMARY); else -1
     */
    record Hit(Area area, int row, int column) {
        static final Hit NONE = new Hit(Area.NONE, -1, -1);
    }

    private final int rows;
    private final int columns;
    private final int summaries;
    private final double labelWidth;
    private final double width;
    private final double height;
    private final double cell;
    private final double scrollX;
    private final double scrollY;

    /**
     * @param labelWidth the width of the document-id column
     * @param scrollX    how far the cells are scrolled left (clamped to what there is)
     * @param scrollY    how far the rows are scrolled up (clamped)
     */
    HeatMapLayout(int rows, int columns, int summaries, double labelWidth, double width, double height, double scrollX,
            double scrollY) {
        this.rows = Math.max(0, rows);
        this.columns = Math.max(0, columns);
        this.summaries = Math.max(0, summaries);
        this.labelWidth = Math.max(0, labelWidth);
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.cell = cellWidth(this.columns, this.labelWidth, this.width);
        this.scrollX = clamp(scrollX, 0, maxScrollX());
        this.scrollY = clamp(scrollY, 0, maxScrollY());
    }

    /** Cells share the width left beside the ids and p_full, between {@link #MIN_CELL} and {@link #MAX_CELL}. */
    static double cellWidth(int columns, double labelWidth, double width) {
        if (columns <= 0) {
            return MAX_CELL;
        }
        return clamp((width - labelWidth - P_WIDTH) / columns, MIN_CELL, MAX_CELL);
    }

    /** The height that shows every row without scrolling. */
    static double naturalHeight(int rows, int summaries) {
        return HEADER + rows * ROW + summaries * SUMMARY_ROW;
    }

    /** The width that shows every column with cells {@code cell} wide. */
    static double naturalWidth(int columns, double labelWidth, double cell) {
        return labelWidth + P_WIDTH + columns * cell;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, Double.isNaN(v) ? lo : v));
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    double labelWidth() {
        return labelWidth;
    }

    double cell() {
        return cell;
    }

    double scrollX() {
        return scrollX;
    }

    double scrollY() {
        return scrollY;
    }

    /** Where the cells start, right of the ids and p_full. */
    double gridLeft() {
        return labelWidth + P_WIDTH;
    }

    double gridWidth() {
        return columns * cell;
    }

    /** How much of the cells' width is in view. */
    double gridViewport() {
        return Math.max(0, width - gridLeft());
    }

    double maxScrollX() {
        return Math.max(0, gridWidth() - gridViewport());
    }

    /** The height the rows may take between the headers and the summary. */
    double bodyViewport() {
        return Math.max(0, height - HEADER - summaries * SUMMARY_ROW);
    }

    /** The height the rows do take: all of them, or the viewport when they do not fit. */
    double bodyHeight() {
        return Math.min(rows * ROW, bodyViewport());
    }

    double maxScrollY() {
        return Math.max(0, rows * ROW - bodyViewport());
    }

    double summaryTop() {
        return HEADER + bodyHeight();
    }

    /** Where the map ends on the right: the last column's edge, or the viewport's. */
    double right() {
        return Math.min(width, gridLeft() + gridWidth() - scrollX);
    }

    /** Where the map ends at the bottom, under the last summary row. */
    double bottom() {
        return summaryTop() + summaries * SUMMARY_ROW;
    }

    double cellX(int column) {
        return gridLeft() + column * cell - scrollX;
    }

    double rowY(int row) {
        return HEADER + row * ROW - scrollY;
    }

    double summaryY(int summary) {
        return summaryTop() + summary * SUMMARY_ROW;
    }

    /** The first row at least partly in view (0 when there are none). */
    int firstRow() {
        return Math.min(rows, (int) Math.floor(scrollY / ROW));
    }

    /** The last row at least partly in view; below {@link #firstRow} when none is. */
    int lastRow() {
        if (rows == 0 || bodyHeight() <= 0) {
            return firstRow() - 1;
        }
        return Math.min(rows - 1, (int) Math.ceil((scrollY + bodyHeight()) / ROW) - 1);
    }

    int firstColumn() {
        return Math.min(columns, (int) Math.floor(scrollX / cell));
    }

    int lastColumn() {
        if (columns == 0 || gridViewport() <= 0) {
            return firstColumn() - 1;
        }
        return Math.min(columns - 1, (int) Math.ceil((scrollX + gridViewport()) / cell) - 1);
    }

    /** The vertical scroll that brings {@code row} into view, moving as little as it can. */
    double scrollYToShow(int row) {
        double top = row * ROW;
        if (top < scrollY) {
            return top;
        }
        if (top + ROW > scrollY + bodyViewport()) {
            return clamp(top + ROW - bodyViewport(), 0, maxScrollY());
        }
        return scrollY;
    }

    /** What lies under the point (x, y) of the map. */
    Hit hit(double x, double y) {
        if (x < 0 || y < 0 || x >= right() || y >= bottom()) {
            return Hit.NONE;
        }
        int column = -1;
        if (x >= gridLeft()) {
            column = (int) Math.floor((x - gridLeft() + scrollX) / cell);
            if (column < 0 || column >= columns) {
                return Hit.NONE;
            }
        }
        if (y < HEADER) {
            return x < labelWidth ? new Hit(Area.DOCUMENT_HEADER, -1, -1)
                    : column < 0 ? new Hit(Area.P_FULL_HEADER, -1, -1) : new Hit(Area.COLUMN_HEADER, -1, column);
        }
        if (y < summaryTop()) {
            int row = (int) Math.floor((y - HEADER + scrollY) / ROW);
            if (row < 0 || row >= rows) {
                return Hit.NONE;
            }
            return x < labelWidth ? new Hit(Area.DOCUMENT, row, -1)
                    : column < 0 ? new Hit(Area.P_FULL, row, -1) : new Hit(Area.CELL, row, column);
        }
        int summary = (int) Math.floor((y - summaryTop()) / SUMMARY_ROW);
        if (summary < 0 || summary >= summaries) {
            return Hit.NONE;
        }
        return column < 0 ? new Hit(Area.SUMMARY_LABEL, summary, -1) : new Hit(Area.SUMMARY, summary, column);
    }
}
