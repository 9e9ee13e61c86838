package org.relevanceworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
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

    private TableCells() {
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
            setTooltip(text == null || text.isEmpty() ? null : new Tooltip(text));
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

        Score(ComparisonViewModel comparison, String variant) {
            this.comparison = comparison;
            this.variant = variant;
            getStyleClass().add("score-cell");
        }

        @Override
        protected void updateItem(Double value, boolean empty) {
            super.updateItem(value, empty);
            getStyleClass().removeAll(BUCKETS);
            getStyleClass().remove("approximate");
            int at = getIndex();
            String doc = empty || value == null || at < 0 || at >= getTableView().getItems().size() ? null
                    : getTableView().getItems().get(at).docId();
            String approximate = doc == null ? null : comparison.approximateText(variant, doc);
            setTooltip(approximate == null ? null : new Tooltip(approximate));
            if (doc == null) {
                setText(null);
                return;
            }
            setText(comparison.scoreText(variant, doc, value));
            if (approximate != null) {
                getStyleClass().add("approximate");
            }
            if (comparison.probabilitiesProperty().get() && value >= 0 && value <= 1) {
                getStyleClass().add(BUCKETS.get((int) Math.round(value * 10)));
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
