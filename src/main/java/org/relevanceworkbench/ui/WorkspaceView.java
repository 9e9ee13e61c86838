package org.relevanceworkbench.ui;

import java.io.IOException;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.stage.Window;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Topic;

/** Binds WorkspaceView.fxml, the window's left side: the collections, the selected one's topics, and Judge…. */
public final class WorkspaceView {
    @FXML private Parent root;
    @FXML private ListView<CollectionStats> collectionList;
    @FXML private ListView<Topic> topicList;
    @FXML private Button judgeButton;

    private final WorkspaceViewModel model;

    public WorkspaceView(WorkspaceViewModel model) {
        this.model = model;
    }

    public static Parent load(WorkspaceViewModel model) throws IOException {
        return Fxml.load(WorkspaceView.class, new WorkspaceView(model));
    }

    @FXML
    private void initialize() {
        collectionList.setItems(model.collections());
        collectionList.setCellFactory(list -> cell(list, WorkspaceViewModel::describe));
        collectionList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> collectionList.getSelectionModel().select(now));
        topicList.setItems(model.topics());
        topicList.setCellFactory(list -> cell(list, WorkspaceViewModel::describe));
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

    /**
     * A cell of {@code list} that shows its item as {@code text} says, wrapped at the list's width: a long name takes
     * a second line instead of being cut or scrolled sideways.
     */
    static <T> ListCell<T> cell(ListView<T> list, java.util.function.Function<T, String> text) {
        ListCell<T> cell = new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
        cell.setWrapText(true);
        cell.prefWidthProperty().bind(list.widthProperty().subtract(20)); // 20: the vertical scroll bar and borders
        cell.setMaxWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        return cell;
    }

    private void openJudging(Topic topic) {
        Window owner = root.getScene().getWindow();
        try {
            JudgeView.open(owner, model.judging(topic), "Judge topic " + topic.topicId() + " — " + topic.query(),
                    root.getScene().getStylesheets());
        } catch (IOException e) {
            Dialogs.error(owner, "cannot open the judging screen: " + e.getMessage(), e).show();
        }
    }
}
