package org.relevanceworkbench.ui;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Label;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.Variant;

/** Binds WorkspaceView.fxml to its {@link WorkspaceViewModel}; no logic of its own. */
public final class WorkspaceView {
    @FXML
    private ListView<CollectionStats> collectionList;
    @FXML
    private TableView<Topic> topicTable;
    @FXML
    private TableColumn<Topic, String> topicIdColumn;
    @FXML
    private TableColumn<Topic, String> topicQueryColumn;
    @FXML
    private TableColumn<Topic, String> topicVariantsColumn;
    @FXML
    private TextField searchField;
    @FXML
    private Button searchButton;
    @FXML
    private TableView<SearchHit> hitTable;
    @FXML
    private TableColumn<SearchHit, Number> hitRankColumn;
    @FXML
    private TableColumn<SearchHit, String> hitDocColumn;
    @FXML
    private TableColumn<SearchHit, Number> hitScoreColumn;
    @FXML
    private TableColumn<SearchHit, String> hitTitleColumn;
    @FXML
    private TableColumn<SearchHit, String> hitSnippetColumn;
    @FXML
    private Label statusLabel;
    @FXML
    private Button judgeButton;
    @FXML
    private ProgressBar progressBar;

    private final WorkspaceViewModel model;

    public WorkspaceView(WorkspaceViewModel model) {
        this.model = model;
    }

    /** Opens the judging screen for a topic in a window of its own. */
    private void openJudging(Topic topic) {
        try {
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setTitle("Judge topic " + topic.topicId() + " — " + topic.query());
            stage.setScene(new javafx.scene.Scene(JudgeView.load(model.judging(topic)), 1000, 720));
            stage.initOwner(judgeButton.getScene().getWindow());
            stage.show();
        } catch (java.io.IOException e) {
            model.errorProperty().set("cannot open the judging screen: " + e.getMessage());
        }
    }

    @FXML
    private void initialize() {
        collectionList.setItems(model.collections());
        collectionList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CollectionStats item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : WorkspaceViewModel.describe(item));
            }
        });
        collectionList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> collectionList.getSelectionModel().select(now));

        topicTable.setItems(model.topics());
        topicIdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().topicId()));
        topicQueryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().query()));
        topicVariantsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                String.join(", ", c.getValue().variants().stream().map(Variant::name).toList())));

        searchField.textProperty().bindBidirectional(model.queryProperty());
        searchField.setOnAction(e -> model.search());
        searchButton.setOnAction(e -> model.search());
        hitTable.setItems(model.hits());
        hitRankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        hitDocColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().docId()));
        hitScoreColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                Math.round(c.getValue().score() * 1000) / 1000.0));
        hitTitleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        hitSnippetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().snippet("«", "»").replaceAll("\\s+", " ")));

        statusLabel.textProperty().bind(model.statusProperty());
        judgeButton.disableProperty().bind(topicTable.getSelectionModel().selectedItemProperty().isNull());
        judgeButton.setOnAction(e -> openJudging(topicTable.getSelectionModel().getSelectedItem()));
        progressBar.visibleProperty().bind(model.busyProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        model.errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                Alert alert = new Alert(Alert.AlertType.ERROR, message);
                alert.setHeaderText(null);
                alert.show();
                model.errorProperty().set(null);
            }
        });
    }
}
