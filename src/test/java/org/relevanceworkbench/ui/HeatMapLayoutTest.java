package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.relevanceworkbench.ui.HeatMapLayout.Area;
import org.relevanceworkbench.ui.HeatMapLayout.Hit;

/** The heat map's geometry: where cells, headers and summary rows are, what lies under a point, scrolling. */
class HeatMapLayoutTest {
    private static final double LABEL = 100;
    private static final double ROW = HeatMapLayout.ROW;
    private static final double HEADER = HeatMapLayout.HEADER;

    @Test
    void cellsShareTheWidthBesideTheIdsAndPFullWithinBounds() {
        HeatMapLayout wide = new HeatMapLayout(10, 3, 4, LABEL, 2000, 600, 0, 0);
        assertThat(wide.cell()).isEqualTo(HeatMapLayout.MAX_CELL);
        HeatMapLayout fits = new HeatMapLayout(10, 4, 4, LABEL, LABEL + HeatMapLayout.P_WIDTH + 4 * 50, 600, 0, 0);
        assertThat(fits.cell()).isEqualTo(50);
        assertThat(fits.maxScrollX()).isZero();
        HeatMapLayout narrow = new HeatMapLayout(10, 40, 4, LABEL, 400, 600, 0, 0);
        assertThat(narrow.cell()).isEqualTo(HeatMapLayout.MIN_CELL);
        assertThat(narrow.maxScrollX()).isEqualTo(40 * HeatMapLayout.MIN_CELL - (400 - LABEL - HeatMapLayout.P_WIDTH));
    }

    @Test
    void theCellUnderAPointIsItsRowAndColumn() {
        HeatMapLayout l = new HeatMapLayout(10, 4, 3, LABEL, LABEL + HeatMapLayout.P_WIDTH + 4 * 50, 1000, 0, 0);
        double left = l.gridLeft();
        assertThat(left).isEqualTo(LABEL + HeatMapLayout.P_WIDTH);
        assertThat(l.hit(left + 1, HEADER + 1)).isEqualTo(new Hit(Area.CELL, 0, 0));
        assertThat(l.hit(left + 2 * 50 + 25, HEADER + 7 * ROW + 10)).isEqualTo(new Hit(Area.CELL, 7, 2));
        assertThat(l.hit(left + 4 * 50 - 0.01, HEADER + 10 * ROW - 0.01)).isEqualTo(new Hit(Area.CELL, 9, 3));
        assertThat(l.cellX(2)).isEqualTo(left + 100);
        assertThat(l.rowY(7)).isEqualTo(HEADER + 7 * ROW);
        assertThat(l.hit(5, HEADER + 3 * ROW + 1)).isEqualTo(new Hit(Area.DOCUMENT, 3, -1));
        assertThat(l.hit(LABEL + 5, HEADER + 3 * ROW + 1)).isEqualTo(new Hit(Area.P_FULL, 3, -1));
        assertThat(l.hit(left + 60, 5)).isEqualTo(new Hit(Area.COLUMN_HEADER, -1, 1));
        assertThat(l.hit(LABEL + 5, 5)).isEqualTo(new Hit(Area.P_FULL_HEADER, -1, -1));
        assertThat(l.hit(5, 5)).isEqualTo(new Hit(Area.DOCUMENT_HEADER, -1, -1));
        // the summary rows sit right under the last document
        assertThat(l.summaryTop()).isEqualTo(HEADER + 10 * ROW);
        assertThat(l.hit(left + 160, l.summaryTop() + 1)).isEqualTo(new Hit(Area.SUMMARY, 0, 3));
        assertThat(l.hit(5, l.summaryTop() + 2 * HeatMapLayout.SUMMARY_ROW + 1))
                .isEqualTo(new Hit(Area.SUMMARY_LABEL, 2, -1));
        // outside: below the summary, right of the last column, negative
        assertThat(l.hit(left + 10, l.bottom() + 1)).isEqualTo(Hit.NONE);
        assertThat(l.hit(left + 4 * 50 + 1, HEADER + 1)).isEqualTo(Hit.NONE);
        assertThat(l.hit(-1, 10)).isEqualTo(Hit.NONE);
    }

    @Test
    void rowsScrollUnderFixedHeadersAndSummaryAndOnlyThoseInViewAreDrawn() {
        int summaries = 4;
        double height = HEADER + 10 * ROW + summaries * HeatMapLayout.SUMMARY_ROW; // room for 10 of 100 rows
        HeatMapLayout top = new HeatMapLayout(100, 12, summaries, LABEL, 900, height, 0, 0);
        assertThat(top.bodyViewport()).isEqualTo(10 * ROW);
        assertThat(top.maxScrollY()).isEqualTo(90 * ROW);
        assertThat(top.firstRow()).isZero();
        assertThat(top.lastRow()).isEqualTo(9);
        assertThat(top.summaryTop()).isEqualTo(HEADER + 10 * ROW);
        HeatMapLayout scrolled = new HeatMapLayout(100, 12, summaries, LABEL, 900, height, 0, 45 * ROW + 5);
        assertThat(scrolled.firstRow()).isEqualTo(45);
        assertThat(scrolled.lastRow()).isEqualTo(55);
        assertThat(scrolled.hit(scrolled.gridLeft() + 1, HEADER + 1)).isEqualTo(new Hit(Area.CELL, 45, 0));
        assertThat(scrolled.hit(scrolled.gridLeft() + 1, HEADER + ROW)).isEqualTo(new Hit(Area.CELL, 46, 0));
        assertThat(scrolled.hit(scrolled.gridLeft() + 1, 3)).isEqualTo(new Hit(Area.COLUMN_HEADER, -1, 0));
        assertThat(scrolled.hit(scrolled.gridLeft() + 1, scrolled.summaryTop() + 1))
                .isEqualTo(new Hit(Area.SUMMARY, 0, 0));
        HeatMapLayout past = new HeatMapLayout(100, 12, summaries, LABEL, 900, height, 0, 1e9);
        assertThat(past.scrollY()).isEqualTo(90 * ROW);
        assertThat(past.lastRow()).isEqualTo(99);
        // scrolling to show a row moves as little as it can
        assertThat(top.scrollYToShow(3)).isZero();
        assertThat(top.scrollYToShow(20)).isEqualTo(11 * ROW);
        assertThat(scrolled.scrollYToShow(10)).isEqualTo(10 * ROW);
        assertThat(past.scrollYToShow(99)).isEqualTo(90 * ROW);
    }

    @Test
    void cellsScrollSidewaysWhileIdsAndPFullStay() {
        HeatMapLayout l = new HeatMapLayout(5, 40, 3, LABEL, 500, 400, 10 * HeatMapLayout.MIN_CELL + 3, 0);
        assertThat(l.firstColumn()).isEqualTo(10);
        assertThat(l.hit(l.gridLeft() + 1, HEADER + 1)).isEqualTo(new Hit(Area.CELL, 0, 10));
        assertThat(l.hit(5, HEADER + 1)).isEqualTo(new Hit(Area.DOCUMENT, 0, -1));
        assertThat(l.lastColumn()).isEqualTo((int) Math.ceil((l.scrollX() + l.gridViewport()) / l.cell()) - 1);
    }

    @Test
    void aMapThatFitsHasNoScrollAndTheNaturalSizeShowsEverything() {
        double h = HeatMapLayout.naturalHeight(100, 4);
        double w = HeatMapLayout.naturalWidth(13, LABEL, 54);
        HeatMapLayout all = new HeatMapLayout(100, 13, 4, LABEL, w, h, 0, 0);
        assertThat(all.maxScrollY()).isZero();
        assertThat(all.cell()).isEqualTo(54);
        assertThat(all.maxScrollX()).isZero();
        assertThat(all.lastRow()).isEqualTo(99);
        assertThat(all.lastColumn()).isEqualTo(12);
        assertThat(all.bottom()).isEqualTo(h);
        HeatMapLayout empty = new HeatMapLayout(0, 0, 0, LABEL, 300, 200, 5, 5);
        assertThat(empty.lastRow()).isLessThan(empty.firstRow());
        assertThat(empty.hit(LABEL + 70, HEADER + 2)).isEqualTo(Hit.NONE);
    }
}
