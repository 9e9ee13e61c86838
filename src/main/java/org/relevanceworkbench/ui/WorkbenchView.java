package org.relevanceworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.compare.WordDiff;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.formats.FormatDetector;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Topic;

/**
 * Binds WorkbenchView.fxml, the main window, to its {@link WorkbenchViewModel}. Shortcuts:
 * Ctrl+R (or F5) runs, Esc cancels, Ctrl+] picks the next variant as B, Ctrl+F goes to the filter.
 * Files and folders dropped on the window are imported (documents unless the name says qrels,
 * topics or run).
 */
public final class WorkbenchView {
    @FXML private BorderPane root;
    @FXML private MenuItem newWorkspaceItem;
    @FXML private MenuItem openWorkspaceItem;
    @FXML private Menu recentMenu;
    @FXML private MenuItem importDocumentsItem;
    @FXML private MenuItem importTopicsItem;
    @FXML private MenuItem importQrelsItem;
    @FXML private MenuItem importRunItem;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem chooseModelItem;
    @FXML private MenuItem downloadModelItem;
    @FXML private MenuItem connectServerItem;
    @FXML private MenuItem evaluateItem;
    @FXML private CheckMenuItem bm25Item;
    @FXML private RadioMenuItem lightItem;
    @FXML private RadioMenuItem darkItem;
    @FXML private MenuItem demoItem;
    @FXML private MenuItem aboutItem;
    @FXML private ListView<CollectionStats> collectionList;
    @FXML private ListView<Topic> topicList;
    @FXML private Button judgeButton;
    @FXML private TextField queryField;
    @FXML private ListView<VariantsEditorModel.Item> variantList;
    @FXML private Button addVariantButton;
    @FXML private Button duplicateVariantButton;
    @FXML private Button renameVariantButton;
    @FXML private Button deleteVariantButton;
    @FXML private Button upButton;
    @FXML private Button downButton;
    @FXML private TextArea instructionArea;
    @FXML private TextFlow diffFlow;
    @FXML private TextField candidatesField;
    @FXML private Button runButton;
    @FXML private Button cancelRunButton;
    @FXML private ProgressBar runProgress;
    @FXML private Label runStatus;
    @FXML private Label bannerLabel;
    @FXML private TabPane tabs;
    @FXML private javafx.scene.control.Tab attributionTab;
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
    @FXML private TextField searchField;
    @FXML private Button searchButton;
    @FXML private TableView<SearchHit> hitTable;
    @FXML private TableColumn<SearchHit, Number> hitRankColumn;
    @FXML private TableColumn<SearchHit, String> hitDocColumn;
    @FXML private TableColumn<SearchHit, Number> hitScoreColumn;
    @FXML private TableColumn<SearchHit, String> hitTitleColumn;
    @FXML private TableColumn<SearchHit, String> hitSnippetColumn;
    @FXML private Label modelStatus;
    @FXML private ProgressBar modelProgress;
    @FXML private Button cancelModelButton;
    @FXML private Label statusLabel;
    @FXML private Label importStatus;
    @FXML private ProgressBar importProgress;
    @FXML private Button cancelImportButton;

    private final WorkbenchViewModel model;
    private final WorkbenchHost host;

    public WorkbenchView(WorkbenchViewModel model, WorkbenchHost host) {
        this.model = model;
        this.host = host;
    }

    /** Loads WorkbenchView.fxml (and the tab it includes, AttributionView.fxml) for a model and its application. */
    public static Parent load(WorkbenchViewModel model, WorkbenchHost host) throws IOException {
        URL fxml = WorkbenchView.class.getResource("/fxml/WorkbenchView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> type == AttributionView.class ? new AttributionView(model.attribution())
                : new WorkbenchView(model, host));
        return loader.load();
    }

    @FXML
    private void initialize() {
        bindMenus();
        bindWorkspace();
        bindEditor();
        bindRun();
        bindComparison();
        bindSearch();
        bindStatus();
        model.attribution().activeProperty().bind(attributionTab.selectedProperty()); // plans wait until it is shown
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                shortcuts(scene);
            }
        });
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                importDropped(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void bindMenus() {
        newWorkspaceItem.setOnAction(e -> chooseWorkspace(true));
        openWorkspaceItem.setOnAction(e -> chooseWorkspace(false));
        for (Path recent : host.preferences().recentWorkspaces()) {
            MenuItem item = new MenuItem(recent.toString());
            item.setOnAction(e -> host.openWorkspace(recent));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
        importDocumentsItem.setOnAction(e -> chooseImport(RecordKind.DOCUMENTS));
        importTopicsItem.setOnAction(e -> chooseImport(RecordKind.TOPICS));
        importQrelsItem.setOnAction(e -> chooseImport(RecordKind.QRELS));
        importRunItem.setOnAction(e -> chooseImport(RecordKind.RUNS));
        quitItem.setOnAction(e -> host.quit());
        chooseModelItem.setOnAction(e -> chooseModel());
        bindDownload();
        // a model that loads (chosen, downloaded, or the remembered one at start) heads the recent model folders
        model.scoring().loadedFolderProperty().addListener((obs, old, folder) -> {
            if (folder != null) {
                host.preferences().modelLoaded(folder);
            }
        });
        connectServerItem.setOnAction(e -> connectServer());
        connectServerItem.disableProperty().bind(model.scoring().runningProperty());
        evaluateItem.setOnAction(e -> evaluate());
        evaluateItem.disableProperty().bind(model.scoring().runningProperty()
                .or(model.workspace().selectedProperty().isNull()));
        bm25Item.selectedProperty().bindBidirectional(model.scoring().useBm25Property());
        Theme theme = host.preferences().theme();
        (theme == Theme.DARK ? darkItem : lightItem).setSelected(true);
        lightItem.setOnAction(e -> host.applyTheme(Theme.LIGHT));
        darkItem.setOnAction(e -> host.applyTheme(Theme.DARK));
        demoItem.setOnAction(e -> model.jamesCameronDemo());
        aboutItem.setOnAction(e -> {
            Alert about = new Alert(Alert.AlertType.INFORMATION, "Instruction-sensitive relevance judging around "
                    + "FollowIR-7B.\nWorkspace: " + model.database().file());
            about.setHeaderText("Relevance Workbench");
            about.initOwner(window());
            about.show();
        });
    }

    private void chooseWorkspace(boolean create) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(create ? "New workspace" : "Open workspace");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workspaces (*.db)", "*.db"));
        File file = create ? chooser.showSaveDialog(window()) : chooser.showOpenDialog(window());
        if (file != null) {
            host.openWorkspace(file.toPath());
        }
    }

    private void chooseImport(RecordKind kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import " + kind.label());
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            importInto(kind, files.stream().map(File::toPath).toList());
        }
    }

    /** Files dropped on the window: one collection asked for (unless only non-documents go to the selected one). */
    private void importDropped(List<Path> files) {
        boolean documents = files.stream().anyMatch(f -> FormatDetector.guessKind(f) == RecordKind.DOCUMENTS);
        askCollection(files, documents).ifPresent(name -> model.importDropped(files, name));
    }

    /** Asks which collection (documents may create one), then imports in the background. */
    private void importInto(RecordKind kind, List<Path> files) {
        askCollection(files, kind == RecordKind.DOCUMENTS).ifPresent(name -> model.importFiles(kind, files, name));
    }

    /** The collection to import into: the selected one for topics, qrels and runs; asked for when documents come. */
    private java.util.Optional<String> askCollection(List<Path> files, boolean documents) {
        CollectionStats selected = model.workspace().selectedProperty().get();
        String suggestion = selected != null ? selected.collection().name()
                : files.get(0).getFileName().toString().replaceAll("\\..*$", "");
        if (!documents && selected != null) {
            return java.util.Optional.of(suggestion);
        }
        TextInputDialog ask = new TextInputDialog(suggestion);
        ask.setHeaderText("Import " + files.size() + " file(s) into which collection?"
                + (documents ? " A new name creates it." : ""));
        ask.initOwner(window());
        return ask.showAndWait().map(String::strip).filter(name -> !name.isEmpty());
    }

    /** Model ▸ Choose model…: the hub cache and the recent folders; a tokenizer-only one goes to Connect to server…. */
    private void chooseModel() {
        ModelChooserViewModel chooser = model.modelChooser(host.preferences(), host::hubSettings);
        chooser.serverTokenizerProperty().addListener((obs, old, folder) -> {
            if (folder != null) {
                connectServer(folder);
            }
        });
        try {
            ModelChooserView.open(window(), chooser, root.getScene().getStylesheets());
        } catch (IOException e) {
            Dialogs.error(window(), "cannot open the model list: " + e.getMessage(), e).show();
        }
    }

    /** Model ▸ Download…, which shows its progress while it runs, and offers a tokenizer-only result to a server. */
    private void bindDownload() {
        ModelDownloadViewModel download = model.modelDownload(host::hubSettings);
        downloadModelItem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                download.runningProperty().get() ? String.format(Locale.US, "Download… (%.0f%%)",
                        download.progressProperty().get() * 100) : "Download…",
                download.runningProperty(), download.progressProperty()));
        download.serverTokenizerProperty().addListener((obs, old, folder) -> {
            if (folder != null) {
                connectServer(folder);
            }
        });
        downloadModelItem.setOnAction(e -> {
            try {
                ModelDownloadView.open(window(), download, root.getScene().getStylesheets());
            } catch (IOException ex) {
                Dialogs.error(window(), "cannot open the download dialog: " + ex.getMessage(), ex).show();
            }
        });
    }

    private void connectServer() {
        connectServer(null);
    }

    /** Connect to server…, with {@code tokenizer} as its tokenizer folder when given. */
    private void connectServer(Path tokenizer) {
        try {
            ServerConnectViewModel dialog = model.serverConnect(host.preferences());
            if (tokenizer != null) {
                dialog.tokenizerFolderProperty().set(tokenizer.toString());
            }
            ServerConnectView.open(window(), dialog, root.getScene().getStylesheets());
        } catch (IOException e) {
            Dialogs.error(window(), "cannot open the server dialog: " + e.getMessage(), e).show();
        }
    }

    /** Evaluate… on the selected collection. */
    private void evaluate() {
        CollectionStats selected = model.workspace().selectedProperty().get();
        if (selected == null) {
            return;
        }
        try {
            EvaluateView.open(window(), model.evaluate(selected.collection()), root.getScene().getStylesheets());
        } catch (IOException e) {
            Dialogs.error(window(), "cannot open the evaluation dialog: " + e.getMessage(), e).show();
        }
    }

    private void bindWorkspace() {
        WorkspaceViewModel w = model.workspace();
        collectionList.setItems(w.collections());
        collectionList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CollectionStats item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : WorkspaceViewModel.describe(item));
            }
        });
        collectionList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                w.selectedProperty().set(now);
            }
        });
        w.selectedProperty().addListener((obs, old, now) -> collectionList.getSelectionModel().select(now));
        topicList.setItems(w.topics());
        topicList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Topic item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.topicId() + " · " + item.query());
            }
        });
        topicList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.topicProperty().set(now);
            }
        });
        model.topicProperty().addListener((obs, old, now) -> {
            if (now == null) {
                topicList.getSelectionModel().clearSelection();
            } else if (!now.equals(topicList.getSelectionModel().getSelectedItem())) {
                topicList.getItems().stream().filter(t -> t.topicId().equals(now.topicId())).findFirst()
                        .ifPresent(t -> topicList.getSelectionModel().select(t));
            }
        });
        judgeButton.disableProperty().bind(model.topicProperty().isNull());
        judgeButton.setOnAction(e -> openJudging(model.topicProperty().get()));
    }

    private void openJudging(Topic topic) {
        try {
            Stage stage = new Stage();
            stage.setTitle("Judge topic " + topic.topicId() + " — " + topic.query());
            Scene scene = new Scene(JudgeView.load(model.workspace().judging(topic)), 1000, 720);
            scene.getStylesheets().setAll(root.getScene().getStylesheets());
            stage.setScene(scene);
            stage.initOwner(window());
            stage.show();
        } catch (IOException e) {
            Dialogs.error(window(), "cannot open the judging screen: " + e.getMessage(), e).show();
        }
    }

    private void bindEditor() {
        VariantsEditorModel editor = model.editor();
        queryField.textProperty().bindBidirectional(editor.queryProperty());
        queryField.setOnAction(e -> editor.saveQuery());
        queryField.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                editor.saveQuery();
            }
        });
        variantList.setItems(editor.variants());
        variantList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(VariantsEditorModel.Item item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "  (" + item.diffSummary() + ")");
            }
        });
        variantList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                editor.selectedProperty().set(now);
            }
        });
        editor.selectedProperty().addListener((obs, old, now) -> {
            variantList.getSelectionModel().select(now);
            instructionArea.setText(now == null ? "" : now.instruction());
        });
        instructionArea.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                editor.saveInstruction(instructionArea.getText());
            }
        });
        editor.diff().addListener((ListChangeListener<WordDiff.Segment>) c -> showDiff(editor.diff()));
        addVariantButton.setOnAction(e -> editor.add());
        duplicateVariantButton.setOnAction(e -> editor.duplicate());
        renameVariantButton.setOnAction(e -> {
            VariantsEditorModel.Item item = editor.selectedProperty().get();
            if (item != null) {
                TextInputDialog ask = new TextInputDialog(item.name());
                ask.setHeaderText("Rename variant '" + item.name() + "'");
                ask.initOwner(window());
                ask.showAndWait().ifPresent(editor::rename);
            }
        });
        deleteVariantButton.setOnAction(e -> editor.delete());
        upButton.setOnAction(e -> editor.move(-1));
        downButton.setOnAction(e -> editor.move(1));
        for (Button b : List.of(addVariantButton, duplicateVariantButton, renameVariantButton, deleteVariantButton,
                upButton, downButton)) {
            b.disableProperty().bind(model.topicProperty().isNull());
        }
    }

    private void showDiff(List<WordDiff.Segment> segments) {
        diffFlow.getChildren().clear();
        for (WordDiff.Segment s : segments) {
            Text text = new Text(s.text() + " ");
            text.getStyleClass().add(switch (s.kind()) {
                case SAME -> "diff-same";
                case ADDED -> "diff-added";
                case REMOVED -> "diff-removed";
            });
            text.setStrikethrough(s.kind() == WordDiff.Kind.REMOVED);
            diffFlow.getChildren().add(text);
        }
    }

    private void bindRun() {
        ScoringModel scoring = model.scoring();
        candidatesField.textProperty().bindBidirectional(scoring.candidatesProperty());
        runButton.setOnAction(e -> model.run());
        runButton.disableProperty().bind(scoring.runningProperty().or(model.topicProperty().isNull())
                .or(scoring.loadingProperty()));
        cancelRunButton.setOnAction(e -> scoring.cancel());
        cancelRunButton.disableProperty().bind(scoring.runningProperty().not());
        runProgress.progressProperty().bind(scoring.runProgressProperty());
        runProgress.visibleProperty().bind(scoring.runningProperty());
        runStatus.textProperty().bind(scoring.runStatusProperty());
        bannerLabel.textProperty().bind(scoring.bannerProperty());
        bannerLabel.visibleProperty().bind(scoring.bannerProperty().isNotEmpty());
        bannerLabel.managedProperty().bind(bannerLabel.visibleProperty());
    }

    private void bindComparison() {
        ComparisonModel c = model.comparison();
        variantABox.setItems(c.variants());
        variantBBox.setItems(c.variants());
        variantABox.valueProperty().bindBidirectional(c.variantAProperty());
        variantBBox.valueProperty().bindBidirectional(c.variantBProperty());
        thresholdSpinner.setValueFactory(new SpinnerValueFactory.DoubleSpinnerValueFactory(0, 1, 0.5, 0.05));
        thresholdSpinner.valueProperty().addListener((obs, old, now) -> c.thresholdProperty().set(now));
        flippedBox.selectedProperty().bindBidirectional(c.flippedOnlyProperty());
        moveSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10_000, 0));
        moveSpinner.valueProperty().addListener((obs, old, now) -> c.minMoveProperty().set(now));
        filterField.textProperty().bindBidirectional(c.filterTextProperty());
        summaryLabel.textProperty().bind(c.summaryProperty());

        // The model filters and sorts (off the FX thread for a large table); the table only asks it to.
        comparisonTable.setItems(c.visibleRows());
        comparisonTable.setSortPolicy(table -> {
            c.sortBy(table.getSortOrder().stream().map(col -> new ComparisonModel.SortKey(col.getId(),
                    col.getSortType() == TableColumn.SortType.ASCENDING)).toList());
            return true;
        });
        c.variants().addListener((ListChangeListener<String>) ch -> buildColumns());
        c.variantAProperty().addListener((obs, old, now) -> buildColumns());
        c.variantBProperty().addListener((obs, old, now) -> buildColumns());
        // Only the headers change: rebuilding the columns would recreate every cell as a run starts.
        // The cells recolour as the run's first scores replace the rows.
        c.probabilitiesProperty().addListener((obs, old, now) -> comparisonTable.getColumns().stream()
                .filter(col -> col.getId() != null && col.getId().startsWith("score-"))
                .forEach(col -> col.setText(scoreHeader(col.getId().substring("score-".length())))));
        buildColumns();
        comparisonTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                c.selectedProperty().set(now);
            }
        });
        c.selectedProperty().addListener((obs, old, now) -> {
            scatter.select(now == null ? null : now.docId());
            if (now != null && comparisonTable.getSelectionModel().getSelectedItem() != now) {
                comparisonTable.getSelectionModel().select(now);
                comparisonTable.scrollTo(now);
            }
        });
        previewTitle.textProperty().bind(c.selectedTitleProperty());
        c.selectedText().addListener((ListChangeListener<Highlighter.Segment>) ch -> {
            previewFlow.getChildren().clear();
            for (Highlighter.Segment s : c.selectedText()) {
                Text t = new Text(s.text());
                if (s.highlighted()) {
                    t.getStyleClass().add("highlight");
                }
                previewFlow.getChildren().add(t);
            }
        });
        c.points().addListener((ListChangeListener<ComparisonModel.Point>) ch -> scatter.setPoints(c.points()));
        scatter.xLabelProperty().bind(c.variantAProperty());
        scatter.yLabelProperty().bind(c.variantBProperty());
        scatter.setOnPick(c::select);
    }

    private String scoreHeader(String variant) {
        return (model.comparison().probabilitiesProperty().get() ? "p " : "BM25 ") + variant;
    }

    /** Columns: document, title, then score and rank per variant, then Δ and rank change from A to B. */
    private void buildColumns() {
        ComparisonModel c = model.comparison();
        comparisonTable.getColumns().clear();
        TableColumn<ComparisonRow, String> doc = new TableColumn<>("Document");
        doc.setId("doc");
        doc.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().docId()));
        doc.setPrefWidth(140);
        TableColumn<ComparisonRow, String> title = new TableColumn<>("Title / snippet");
        title.setId("title");
        title.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue().title()));
        title.setPrefWidth(170);
        comparisonTable.getColumns().addAll(List.of(doc, title));
        for (String variant : c.variants()) {
            TableColumn<ComparisonRow, Double> score = new TableColumn<>(scoreHeader(variant));
            score.setId("score-" + variant);
            score.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().score(variant)));
            score.setCellFactory(col -> new ScoreCell(c, variant));
            TableColumn<ComparisonRow, Integer> rank = new TableColumn<>("rank " + variant);
            rank.setId("rank-" + variant);
            rank.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().rank(variant)));
            comparisonTable.getColumns().addAll(List.of(score, rank));
        }
        String a = c.variantAProperty().get();
        String b = c.variantBProperty().get();
        if (a != null && b != null) {
            TableColumn<ComparisonRow, Double> delta = new TableColumn<>("Δ " + b + "−" + a);
            delta.setId("delta");
            delta.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().delta(a, b)));
            delta.setCellFactory(col -> new DeltaCell());
            TableColumn<ComparisonRow, Integer> move = new TableColumn<>("rank " + a + "→" + b);
            move.setId("move");
            move.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(r.getValue().rankChange(a, b)));
            move.setCellFactory(col -> new MoveCell());
            comparisonTable.getColumns().addAll(List.of(delta, move));
        }
    }

    /**
     * p(true) with its colour: a style class per tenth, red at 0 through yellow to green at 1 (BM25
     * scores stay plain); an approximate p reads ≈, with its interval as the tooltip.
     */
    private static final class ScoreCell extends TableCell<ComparisonRow, Double> {
        private static final List<String> BUCKETS = java.util.stream.IntStream.rangeClosed(0, 10)
                .mapToObj(i -> "p-" + i).toList();
        private final ComparisonModel comparison;
        private final String variant;

        ScoreCell(ComparisonModel comparison, String variant) {
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
            setTooltip(approximate == null ? null : new javafx.scene.control.Tooltip(approximate));
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

    private static final class DeltaCell extends TableCell<ComparisonRow, Double> {
        @Override
        protected void updateItem(Double value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : String.format(Locale.US, "%+.4f", value));
        }
    }

    /** Rank change with an arrow: ▲ climbed, ▼ fell. */
    private static final class MoveCell extends TableCell<ComparisonRow, Integer> {
        @Override
        protected void updateItem(Integer value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : value > 0 ? "▲ " + value : value < 0 ? "▼ " + (-value) : "=");
        }
    }

    private void bindSearch() {
        WorkspaceViewModel w = model.workspace();
        searchField.textProperty().bindBidirectional(w.queryProperty());
        searchField.setOnAction(e -> w.search());
        searchButton.setOnAction(e -> w.search());
        hitTable.setItems(w.hits());
        hitRankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        hitDocColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().docId()));
        hitScoreColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Math.round(c.getValue().score() * 1000) / 1000.0));
        hitTitleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        hitSnippetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().snippet("«", "»")
                .replaceAll("\\s+", " ")));
    }

    private void bindStatus() {
        ScoringModel scoring = model.scoring();
        modelStatus.textProperty().bind(scoring.modelStatusProperty());
        javafx.scene.control.Tooltip servers = new javafx.scene.control.Tooltip();
        servers.textProperty().bind(scoring.scorerDetailsProperty()); // per-server counts, as the run goes
        scoring.scorerDetailsProperty().addListener((obs, old, now) -> modelStatus.setTooltip(now.isEmpty() ? null : servers));
        modelProgress.progressProperty().bind(scoring.loadProgressProperty());
        modelProgress.visibleProperty().bind(scoring.loadingProperty());
        cancelModelButton.visibleProperty().bind(scoring.loadingProperty());
        cancelModelButton.managedProperty().bind(scoring.loadingProperty());
        cancelModelButton.setOnAction(e -> scoring.cancel());
        statusLabel.textProperty().bind(model.workspace().statusProperty());
        importStatus.textProperty().bind(model.importStatusProperty());
        importProgress.progressProperty().bind(model.importProgressProperty());
        importProgress.visibleProperty().bind(model.importingProperty());
        cancelImportButton.visibleProperty().bind(model.importingProperty());
        cancelImportButton.setOnAction(e -> model.cancel());
        model.importReportProperty().addListener((obs, old, report) -> {
            if (report != null) {
                Dialogs.importReport(window(), report.summary(), report.problems()).show();
            }
        });
        model.failureProperty().addListener((obs, old, failure) -> {
            if (failure != null) {
                Dialogs.error(window(), WorkbenchViewModel.message(failure),
                        failure instanceof org.relevanceworkbench.common.UserException ? null : failure).show();
            }
        });
        model.workspace().errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                Dialogs.error(window(), message, null).show();
                model.workspace().errorProperty().set(null);
            }
        });
    }

    private void shortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), model::run);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), model::run);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), model::cancel);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.CLOSE_BRACKET, KeyCombination.SHORTCUT_DOWN),
                model::nextVariant);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            filterField.requestFocus();
        });
    }
}
