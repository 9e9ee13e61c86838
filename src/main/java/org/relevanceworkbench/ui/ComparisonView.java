package org.relevanceworkbench.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.judge.Highlighter;

/**
 * Binds ComparisonView.fxml, the Compare tab: variant A against B with filters, the summary (flips, Kendall τ,
 * p-MRR), the table, the scatter of p under A against p under B, and the selected document with the query's words
 * marked. The table's columns are built per variant, two levels deep so that they fit without scrolling sideways:
 * Document, Title, then per variant its p and rank, then A → B with Δp and the rank change. Any column can be hidden
 * from the table's menu button; the sort survives a change of A or B (its columns keep their ids).
 */
public final class ComparisonView {
    @FXML private ComboBox<String> variantABox;
    @FXML private ComboBox<String> variantBBox;
    @FXML private Spinner<Double> thresholdSpinner;
    @FXML private CheckBox flippedBox;
    @FXML private Spinner<Integer> moveSpinner;
    @FXML private TextField filterField;
    @FXML private Label summaryLabel;
    @FXML private TableView<ComparisonRow> comparisonTable;
    @FXML private ScatterPlot scatter;
    @FXML private Label previewTitle;
    @FXML private TextFlow previewFlow;

    private final ComparisonViewModel model;
    /** Columns the user hid, by id: rebuilt columns stay hidden. */
    private final Map<String, Boolean> hidden = new LinkedHashMap<>();

    public ComparisonView(ComparisonViewModel model) {
        this.model = model;
    }

    public static Parent load(ComparisonViewModel model) throws IOException {
        return Fxml.load(ComparisonView.class, new ComparisonView(model));
    }

    @FXML
    private void initialize() {
        bindFilters();
        // The model filters and sorts (off the FX thread for a large table); the table only asks it to.
        comparisonTable.setItems(model.visibleRows());
        comparisonTable.setSortPolicy(table -> {
            model.sortBy(table.getSortOrder().stream().map(col -> new ComparisonViewModel.SortKey(col.getId(),
                    col.getSortType() == TableColumn.SortType.ASCENDING)).toList());
            return true;
        });
        model.variants().addListener((ListChangeListener<String>) ch -> buildColumns());
        model.variantAProperty().addListener((obs, old, now) -> buildColumns());
        model.variantBProperty().addListener((obs, old, now) -> buildColumns());
        // Only the headers change: rebuilding the columns would recreate every cell as a run starts.
        model.probabilitiesProperty().addListener((obs, old, now) -> leaves().forEach(col -> col.setText(
                header(col.getId()))));
        buildColumns();
        bindSelection();
    }

    private void bindFilters() {
        variantABox.setItems(model.variants());
        variantBBox.setItems(model.variants());
        variantABox.valueProperty().bindBidirectional(model.variantAProperty());
        variantBBox.valueProperty().bindBidirectional(model.variantBProperty());
        thresholdSpinner.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1, 0.5, 0.05));
        thresholdSpinner.valueProperty().addListener((obs, old, now) -> model.thresholdProperty().set(now));
        flippedBox.selectedProperty().bindBidirectional(model.flippedOnlyProperty());
        moveSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10_000, 0));
        moveSpinner.valueProperty().addListener((obs, old, now) -> model.minMoveProperty().set(now));
        filterField.textProperty().bindBidirectional(model.filterTextProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
    }

    /** The table, the scatter and the preview show one selected document; a pick in either selects it. */
    private void bindSelection() {
        comparisonTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            scatter.select(now == null ? null : now.docId());
            if (now != null && comparisonTable.getSelectionModel().getSelectedItem() != now) {
                comparisonTable.getSelectionModel().select(now);
                comparisonTable.scrollTo(now);
            }
        });
        previewTitle.textProperty().bind(model.selectedTitleProperty());
        model.selectedText().addListener((ListChangeListener<Highlighter.Segment>) ch -> {
            previewFlow.getChildren().clear();
            for (Highlighter.Segment s : model.selectedText()) {
                Text t = new Text(s.text());
                if (s.highlighted()) {
                    t.getStyleClass().add("highlight");
                }
                previewFlow.getChildren().add(t);
            }
        });
        scatter.paintWith(model.tasks());
        // an invalidation listener: a change listener would compare the old and new lists element by element
        model.pointsProperty().addListener(obs -> scatter.setPoints(model.pointsProperty().get()));
        scatter.xLabelProperty().bind(model.variantAProperty());
        scatter.yLabelProperty().bind(model.variantBProperty());
        scatter.setOnPick(model::select);
    }

    /** A leaf column's header from its id: "p" or "BM25" for scores, as the scores are. */
    private String header(String id) {
        boolean p = model.probabilitiesProperty().get();
        if (id.startsWith("score-")) {
            return p ? "p" : "BM25";
        }
        return switch (id) {
            case "doc" -> "Document";
            case "title" -> "Title / snippet";
            case "delta" -> p ? "Δp" : "Δ BM25";
            default -> "rank"; // rank-VARIANT and move
        };
    }

    private Stream<TableColumn<ComparisonRow, ?>> leaves() {
        return comparisonTable.getColumns().stream().flatMap(c -> c.getColumns().isEmpty() ? Stream.of(c)
                : c.getColumns().stream());
    }

    private void buildColumns() {
        List<ComparisonViewModel.SortKey> sort = comparisonTable.getSortOrder().stream()
                .map(col -> new ComparisonViewModel.SortKey(col.getId(), col.getSortType() == TableColumn.SortType.ASCENDING))
                .toList();
        leaves().forEach(col -> hidden.put(col.getId(), !col.isVisible()));
        comparisonTable.getColumns().setAll(columns());
        leaves().forEach(col -> col.setVisible(!hidden.getOrDefault(col.getId(), false)));
        List<TableColumn<ComparisonRow, ?>> again = new ArrayList<>();
        for (ComparisonViewModel.SortKey key : sort) {
            leaves().filter(col -> Objects.equals(col.getId(), key.column())).findFirst().ifPresent(col -> {
                col.setSortType(key.ascending() ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
                again.add(col);
            });
        }
        comparisonTable.getSortOrder().setAll(again);
    }

    private List<TableColumn<ComparisonRow, ?>> columns() {
        List<TableColumn<ComparisonRow, ?>> columns = new ArrayList<>();
        columns.add(leaf("doc", 80, 120, r -> r.docId(), col -> new TableCells.LongText<>()));
        columns.add(leaf("title", 90, 150, r -> r.title(), col -> new TableCells.LongText<>()));
        for (String variant : model.variants()) {
            columns.add(group(variant, variant,
                    leaf("score-" + variant, 58, 64, r -> r.score(variant), col -> new TableCells.Score(model, variant)),
                    leaf("rank-" + variant, 46, 50, r -> r.rank(variant), null)));
        }
        String a = model.variantAProperty().get();
        String b = model.variantBProperty().get();
        if (a != null && b != null) {
            columns.add(group("a-to-b", a + " → " + b,
                    leaf("delta", 76, 78, r -> r.delta(a, b), col -> new TableCells.Delta()),
                    leaf("move", 50, 56, r -> r.rankChange(a, b), col -> new TableCells.Move())));
        }
        return columns;
    }

    /** A column of {@code id}; {@code min} is what its header and widest value need, so neither is ever cut. */
    private <T> TableColumn<ComparisonRow, T> leaf(String id, double min, double width, Function<ComparisonRow, T> value,
            javafx.util.Callback<TableColumn<ComparisonRow, T>, TableCell<ComparisonRow, T>> cells) {
        TableColumn<ComparisonRow, T> column = new TableColumn<>(header(id));
        column.setId(id);
        column.setPrefWidth(width);
        column.setMinWidth(min);
        column.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        if (cells != null) {
            column.setCellFactory(cells);
        }
        return column;
    }

    @SafeVarargs
    private static TableColumn<ComparisonRow, ?> group(String id, String text, TableColumn<ComparisonRow, ?>... leaves) {
        TableColumn<ComparisonRow, Object> group = new TableColumn<>(text);
        group.setId("group-" + id);
        group.getColumns().addAll(leaves);
        return group;
    }
}
