package org.relevanceworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import javafx.scene.control.Control;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import org.relevanceworkbench.compare.ComparisonRow;

/** The tables' cells: long text (comparison and search), a coloured score, a signed Δ, and a rank change with its arrow. */
final class TableCells {
    /**
     * The style class of cells whose text is long by nature (a title, a snippet, a document id): cut to the column's
     * width, with the whole text as the tooltip. Every other text of the window fits.
     */
    static final String LONG_TEXT = "long-text";

    private static final Object TOOLTIP = new Object();

    private TableCells() {
    }

    /**
     * Shows {@code text} as the cell's tooltip (none when empty) with one Tooltip per cell for the cell's life: a
     * Tooltip is a popup control, costly to make, and a table updates its cells at every scroll, sort and streamed
     * batch (a new one per update was 8–20% of the FX thread's stalled samples in {@code bench ui}).
     */
    static void tooltip(Control cell, String text) {
        if (text == null || text.isEmpty()) {
            cell.setTooltip(null);
            return;
        }
        Tooltip tip = (Tooltip) cell.getProperties().computeIfAbsent(TOOLTIP, key -> new Tooltip());
        tip.setText(text);
        cell.setTooltip(tip); // nothing happens when it is already the cell's
    }

    /** A cell of long text: what fits, and all of it on hover. */
    static final class LongText<R, T> extends TableCell<R, T> {
        LongText() {
            getStyleClass().add(LONG_TEXT);
        }

        @Override
        protected void updateItem(T value, boolean empty) {
            super.updateItem(value, empty);
            String text = empty || value == null ? null : value.toString();
            setText(text);
            tooltip(this, text);
        }
    }

    /**
     * p(true) with its colour: a style class per tenth, red at 0 through yellow to green at 1 (BM25
     * scores stay plain); an approximate p reads ≈, with its interval as the tooltip.
     */
    static final class Score extends TableCell<ComparisonRow, Double> {
        private static final List<String> BUCKETS = IntStream.rangeClosed(0, 10).mapToObj(i -> "p-" + i).toList();
        private final ComparisonViewModel comparison;
        private final String variant;
        private String shownBucket;
        private boolean shownApproximate;

        Score(ComparisonViewModel comparison, String variant) {
            this.comparison = comparison;
            this.variant = variant;
            getStyleClass().add("score-cell");
        }

        @Override
        protected void updateItem(Double value, boolean empty) {
            super.updateItem(value, empty);
            int at = getIndex();
            String doc = empty || value == null || at < 0 || at >= getTableView().getItems().size() ? null
                    : getTableView().getItems().get(at).docId();
            String approximate = doc == null ? null : comparison.approximateText(variant, doc);
            tooltip(this, approximate);
            setText(doc == null ? null : comparison.scoreText(variant, doc, value));
            String bucket = doc != null && comparison.probabilitiesProperty().get() && value >= 0 && value <= 1
                    ? BUCKETS.get((int) Math.round(value * 10)) : null;
            style(bucket, approximate != null);
        }

        /** Changes the style classes only when they change: each change restyles the cell (its CSS is looked up again). */
        private void style(String bucket, boolean approximate) {
            if (!Objects.equals(bucket, shownBucket)) {
                if (shownBucket != null) {
                    getStyleClass().remove(shownBucket);
                }
                if (bucket != null) {
                    getStyleClass().add(bucket);
                }
                shownBucket = bucket;
            }
            if (approximate != shownApproximate) {
                if (approximate) {
                    getStyleClass().add("approximate");
                } else {
                    getStyleClass().remove("approximate");
                }
                shownApproximate = approximate;
            }
        }
    }

    /** B's score minus A's, signed. */
    static final class Delta extends TableCell<ComparisonRow, Double> {
        @Override
        protected void updateItem(Double value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : String.format(Locale.US, "%+.4f", value));
        }
    }

    /** Rank change from A to B with an arrow: ▲ climbed, ▼ fell. */
    static final class Move extends TableCell<ComparisonRow, Integer> {
        @Override
        protected void updateItem(Integer value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : text(value));
        }

        static String text(int value) {
            return value > 0 ? "▲ " + value : value < 0 ? "▼ " + (-value) : "=";
        }
    }
}
