package org.relevanceworkbench.ui;

import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.relevanceworkbench.attribution.AttributionService;
import org.relevanceworkbench.attribution.Clauses;
import org.relevanceworkbench.attribution.DeltaColors;
import org.relevanceworkbench.attribution.Words;

/**
 * Binds AttributionView.fxml, the main window's Attribution tab, to its {@link AttributionViewModel}: the run bar and
 * cost line, the clause editor (click a word to split before it, Join to merge a clause with the next, a variant menu
 * per clause), the heat map ({@link HeatMapView}), the preview of the clicked cell's document with the instruction
 * and that clause struck through, the word occlusion, and the exports (file choosers; the PNG is drawn here, written
 * by the view model).
 */
public final class AttributionView {
    @FXML private VBox root;
    @FXML private Label titleLabel;
    @FXML private TextField candidatesField;
    @FXML private CheckBox clauseAloneBox;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private MenuButton exportButton;
    @FXML private MenuItem exportTableItem;
    @FXML private MenuItem exportLinesItem;
    @FXML private MenuItem exportPngItem;
    @FXML private Label costLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label splitLabel;
    @FXML private Button resetButton;
    @FXML private VBox clauseBox;
    @FXML private Label legendLow;
    @FXML private Region legendBar;
    @FXML private Label legendHigh;
    @FXML private Label legendLabel;
    @FXML private Label legendText;
    @FXML private HeatMapView heatMap;
    @FXML private Label heatMapPlaceholder;
    @FXML private Label previewTitle;
    @FXML private Label previewScores;
    @FXML private javafx.scene.control.ScrollPane previewScroll;
    @FXML private TextFlow instructionFlow;
    @FXML private TextFlow previewFlow;
    @FXML private Button wordsButton;
    @FXML private Label wordsStatus;
    @FXML private FlowPane wordFlow;
    @FXML private ListView<String> rankedList;

    private final AttributionViewModel model;

    public AttributionView(AttributionViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(model.titleProperty());
        candidatesField.textProperty().bindBidirectional(model.candidatesProperty());
        candidatesField.setPromptText("the run's");
        candidatesField.setTooltip(new Tooltip("bm25:K, all, run:NAME or pool:K:RUN1,RUN2; empty for the run's"
                + " candidates. Enter to count the pairs."));
        candidatesField.setOnAction(e -> model.commitCandidates());
        candidatesField.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.commitCandidates(); // only when the spec changed: a re-plan disables Run until it is done
            }
        });
        clauseAloneBox.selectedProperty().bindBidirectional(model.clauseAloneProperty());
        clauseAloneBox.setTooltip(new Tooltip("Also score the query with each clause alone"));
        runButton.setOnAction(e -> model.run());
        runButton.disableProperty().bind(model.runningProperty().or(model.readyProperty().not()));
        cancelButton.setOnAction(e -> model.cancel());
        cancelButton.disableProperty().bind(model.runningProperty().not());
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(model.runningProperty());
        progressBar.managedProperty().bind(model.runningProperty());
        costLabel.textProperty().bind(model.costProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        javafx.scene.Parent statusRow = statusLabel.getParent(); // shown when there is something to say
        statusRow.visibleProperty().bind(model.statusProperty().isNotEmpty().or(model.runningProperty()));
        statusRow.managedProperty().bind(statusRow.visibleProperty());
        for (Node n : List.of(candidatesField, clauseAloneBox)) {
            n.disableProperty().bind(model.runningProperty());
        }
        exportButton.disableProperty().bind(model.resultProperty().isNull());
        exportTableItem.setOnAction(e -> exportTable(false));
        exportLinesItem.setOnAction(e -> exportTable(true));
        exportPngItem.setOnAction(e -> exportPng());

        model.clausesProperty().addListener((obs, old, now) -> showClauses());
        model.runningProperty().addListener((obs, old, now) -> clauseBox.setDisable(now));
        splitLabel.textProperty().bind(javafx.beans.binding.Bindings.when(model.editedProperty())
                .then("edited").otherwise("automatic"));
        resetButton.setOnAction(e -> model.resetClauses());
        resetButton.disableProperty().bind(model.editedProperty().not().or(model.runningProperty()));
        resetButton.setTooltip(new Tooltip("Back to the automatic split"));
        showClauses();

        heatMap.setOnSelect(model::select);
        heatMap.setOnSort(model::sortBy);
        heatMap.setOnWhatIf(this::askWhatIf);
        model.heatMapProperty().addListener((obs, old, now) -> {
            heatMap.setMap(now);
            heatMap.select(model.selectedDocProperty().get(), model.selectedColumnProperty().get());
            legend(now);
        });
        heatMapPlaceholder.visibleProperty().bind(model.heatMapProperty().isNull());
        model.selectedDocProperty().addListener((obs, old, now) -> heatMap.select(now,
                model.selectedColumnProperty().get()));
        model.selectedColumnProperty().addListener((obs, old, now) -> heatMap.select(
                model.selectedDocProperty().get(), now.intValue()));
        legend(null);
        Tooltip scale = new Tooltip("Δ = p(without the clause) − p(full instruction), on ColorBrewer's RdBu scale: red"
                + " where leaving the clause out lowers the score (the score leans on it), blue where it raises it,"
                + " white near 0.");
        scale.setWrapText(true);
        scale.setMaxWidth(420);
        legendText.setTooltip(scale);

        previewTitle.textProperty().bind(javafx.beans.binding.Bindings.when(model.previewTitleProperty().isEmpty())
                .then("Click a cell of the heat map").otherwise(model.previewTitleProperty()));
        previewScores.textProperty().bind(model.previewScoresProperty());
        model.previewInstruction().addListener(
                (ListChangeListener<AttributionViewModel.InstructionPart>) c -> showInstruction());
        model.previewTextProperty().addListener((obs, old, now) -> {
            previewFlow.getChildren().setAll(new Text(now == null ? "" : now));
            showStruck(); // the text below changes how far the scroll goes
        });

        wordsButton.setOnAction(e -> model.occludeWords());
        wordsButton.disableProperty().bind(model.runningProperty().or(model.selectedDocProperty().isNull())
                .or(model.wordsAvailableProperty().not()));
        wordsButton.setTooltip(new Tooltip("Rescore the selected document with each word of the instruction left"
                + " out in turn (instructions of up to " + AttributionService.MAX_WORDS + " words)"));
        wordsStatus.textProperty().bind(model.wordsStatusProperty());
        model.words().addListener((ListChangeListener<AttributionViewModel.WordCell>) c -> showWords());
        rankedList.setItems(model.rankedWords());
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** One box per clause: its number, Join (with the next) and a variant menu, and its words (click: split before). */
    private void showClauses() {
        clauseBox.getChildren().clear();
        Clauses clauses = model.clausesProperty().get();
        if (clauses == null || clauses.size() == 0) {
            Label none = new Label(clauses == null ? "No variant selected" : "The instruction is empty");
            none.getStyleClass().add("muted");
            clauseBox.getChildren().add(none);
            return;
        }
        for (int k = 0; k < clauses.size(); k++) {
            int clause = k;
            Label number = new Label(Integer.toString(k + 1));
            number.getStyleClass().add("clause-number");
            number.setMinWidth(Region.USE_PREF_SIZE);
            Region space = new Region();
            HBox.setHgrow(space, Priority.ALWAYS);
            Button join = new Button("join ↓");
            join.setId("joinClause" + (k + 1));
            join.getStyleClass().add("small");
            join.setMinWidth(Region.USE_PREF_SIZE);
            join.setTooltip(new Tooltip("Join clause " + (k + 1) + " with clause " + (k + 2)));
            join.setDisable(k + 1 >= clauses.size());
            join.setOnAction(e -> model.joinWithNext(clause));
            MenuButton variant = new MenuButton("variant");
            variant.setId("variantOfClause" + (k + 1));
            variant.getStyleClass().add("small");
            variant.setMinWidth(Region.USE_PREF_SIZE);
            variant.setTooltip(new Tooltip("Make a variant of the topic without this clause, or with it alone"));
            MenuItem without = new MenuItem("Make variant: without clause " + (k + 1) + "…");
            without.setOnAction(e -> askWhatIf(clause, false));
            MenuItem alone = new MenuItem("Make variant: clause " + (k + 1) + " alone…");
            alone.setOnAction(e -> askWhatIf(clause, true));
            variant.getItems().addAll(without, alone);
            HBox head = new HBox(4, number, space, join, variant);
            head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            TextFlow text = new TextFlow();
            text.setId("clause" + (k + 1));
            text.getStyleClass().add("clause-text");
            List<String> words = Words.of(clauses.get(k));
            for (int w = 0; w < words.size(); w++) {
                int word = w;
                Text t = new Text(words.get(w));
                t.getStyleClass().add("clause-word");
                if (w > 0) {
                    t.getStyleClass().add("splittable");
                    t.setOnMouseClicked(e -> model.splitAt(clause, word));
                    text.getChildren().add(new Text(" "));
                }
                text.getChildren().add(t);
            }
            VBox box = new VBox(4, head, text);
            box.getStyleClass().add("clause-row");
            clauseBox.getChildren().add(box);
        }
    }

    /** The colour scale beside the heat map: its ends and a gradient of {@link DeltaColors}. */
    private void legend(AttributionHeatMap map) {
        double range = map == null ? 1 : map.range();
        String end = map == null || map.probabilities() ? String.format(Locale.US, "%.0f", range)
                : String.format(Locale.US, "%.3g", range);
        legendLabel.setText(map == null || map.probabilities() ? "Δp" : "Δ BM25");
        legendLow.setText("−" + end);
        legendHigh.setText("+" + end);
        StringBuilder gradient = new StringBuilder("linear-gradient(to right");
        for (int i = 0; i <= 6; i++) {
            gradient.append(", ").append(DeltaColors.hex((i / 3.0 - 1) * range, range));
        }
        legendBar.setStyle("-fx-background-color: " + gradient + "); -fx-border-color: #d0d7de;");
    }

    /** The instruction with the clicked cell's clause (or every other clause, or all) struck through. */
    private void showInstruction() {
        instructionFlow.getChildren().clear();
        if (model.previewInstruction().isEmpty()) {
            return;
        }
        Text label = new Text("Instruction: ");
        label.getStyleClass().add("instruction-label");
        instructionFlow.getChildren().add(label);
        boolean first = true;
        for (AttributionViewModel.InstructionPart part : model.previewInstruction()) {
            if (!first) {
                instructionFlow.getChildren().add(new Text(" "));
            }
            first = false;
            Text t = new Text(part.text());
            t.setStrikethrough(part.struck());
            t.getStyleClass().add(part.struck() ? "struck" : "kept");
            instructionFlow.getChildren().add(t);
        }
        showStruck();
    }

    /** Scrolls the preview so that the first clause struck through is in view (long instructions hide it). */
    private void showStruck() {
        Node struck = instructionFlow.getChildren().stream().filter(n -> n instanceof Text t && t.isStrikethrough())
                .findFirst().orElse(null);
        Node content = previewScroll.getContent();
        previewScroll.setVvalue(0);
        if (struck == null || content == null) {
            return;
        }
        previewScroll.applyCss();
        previewScroll.layout(); // the flow's new lines must be laid out to be found
        double y = content.sceneToLocal(struck.localToScene(struck.getBoundsInLocal())).getMinY();
        double room = content.getBoundsInLocal().getHeight() - previewScroll.getViewportBounds().getHeight();
        if (room > 0 && y > previewScroll.getViewportBounds().getHeight() / 2) {
            previewScroll.setVvalue(Math.min(1, (y - 8) / room));
        }
    }

    private void showWords() {
        wordFlow.getChildren().clear();
        for (AttributionViewModel.WordCell w : model.words()) {
            Label word = new Label(w.word());
            word.getStyleClass().add("occluded-word");
            if (w.dark()) {
                word.getStyleClass().add("dark");
            }
            word.setStyle("-fx-background-color: " + w.color() + ";");
            Tooltip tip = new Tooltip(w.tooltip());
            tip.setShowDelay(javafx.util.Duration.millis(150));
            word.setTooltip(tip);
            wordFlow.getChildren().add(word);
        }
    }

    /** Asks the what-if variant's name (a free one suggested), then makes it. */
    private void askWhatIf(int clause, boolean alone) {
        String suggestion = model.defaultVariantName(clause, alone);
        if (suggestion.isEmpty()) {
            return;
        }
        TextInputDialog ask = new TextInputDialog(suggestion);
        ask.setTitle("Make a variant");
        ask.setHeaderText("A new variant: " + AttributionService.rowName(clause, alone) + " of this one. Its name:");
        ask.initOwner(window());
        ask.showAndWait().map(String::strip).filter(name -> !name.isEmpty())
                .ifPresent(name -> model.makeVariant(clause, alone, name));
    }

    private void exportTable(boolean lines) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(lines ? "Export the attribution lines" : "Export the attribution table");
        FileChooser.ExtensionFilter csv = new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv");
        FileChooser.ExtensionFilter jsonl = new FileChooser.ExtensionFilter("JSON Lines (*.jsonl)", "*.jsonl");
        chooser.getExtensionFilters().addAll(csv, jsonl);
        chooser.setInitialFileName(model.suggestedName(lines ? "lines" : "table", "csv"));
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        java.nio.file.Path path = file.toPath();
        String name = file.getName().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".jsonl")) { // the chosen filter names the format
            path = path.resolveSibling(file.getName() + (chooser.getSelectedExtensionFilter() == jsonl ? ".jsonl"
                    : ".csv"));
        }
        if (lines) {
            model.exportLines(path);
        } else {
            model.exportTable(path);
        }
    }

    private void exportPng() {
        AttributionHeatMap map = model.heatMapProperty().get();
        if (map == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the heat map as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG images (*.png)", "*.png"));
        chooser.setInitialFileName(model.suggestedName("heatmap", "png"));
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        java.nio.file.Path path = file.getName().toLowerCase(Locale.ROOT).endsWith(".png") ? file.toPath()
                : file.toPath().resolveSibling(file.getName() + ".png");
        writePng(model, map, path);
    }

    /** Draws the figure of {@code map} at 2× on the FX thread and has the view model write it (in the background). */
    static void writePng(AttributionViewModel model, AttributionHeatMap map, java.nio.file.Path path) {
        try {
            HeatMapView.Pixels pixels = HeatMapView.figure(map, model.figureTitle(), model.figureSubtitle(), 2);
            model.exportPng(path, pixels.width(), pixels.height(), pixels.argb());
        } catch (org.relevanceworkbench.common.UserException e) {
            model.statusProperty().set(e.getMessage());
        }
    }
}
