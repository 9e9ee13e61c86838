package org.relevanceworkbench.ui;

import java.io.IOException;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.relevanceworkbench.compare.WordDiff;

/**
 * Binds VariantsEditorView.fxml: the open topic's query, its variants (add, duplicate, rename, delete, reorder), the
 * selected one's instruction, and its word diff against the baseline. Edits are saved when a field loses focus.
 */
public final class VariantsEditorView {
    @FXML private Parent root;
    @FXML private TextField queryField;
    @FXML private ListView<VariantsEditorViewModel.Item> variantList;
    @FXML private Button addVariantButton;
    @FXML private Button duplicateVariantButton;
    @FXML private Button renameVariantButton;
    @FXML private Button deleteVariantButton;
    @FXML private Button upButton;
    @FXML private Button downButton;
    @FXML private TextArea instructionArea;
    @FXML private TextFlow diffFlow;

    private final VariantsEditorViewModel model;

    public VariantsEditorView(VariantsEditorViewModel model) {
        this.model = model;
    }

    public static Parent load(VariantsEditorViewModel model) throws IOException {
        return Fxml.load(VariantsEditorView.class, new VariantsEditorView(model));
    }

    @FXML
    private void initialize() {
        queryField.textProperty().bindBidirectional(model.queryProperty());
        queryField.setOnAction(e -> model.saveQuery());
        queryField.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.saveQuery();
            }
        });
        variantList.setItems(model.variants());
        variantList.setCellFactory(list -> WorkspaceView.cell(list, item -> item.name() + "  (" + item.diffSummary() + ")"));
        variantList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            variantList.getSelectionModel().select(now);
            instructionArea.setText(now == null ? "" : now.instruction());
        });
        instructionArea.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                model.saveInstruction(instructionArea.getText());
            }
        });
        model.diff().addListener((ListChangeListener<WordDiff.Segment>) c -> showDiff(model.diff()));
        addVariantButton.setOnAction(e -> model.add());
        duplicateVariantButton.setOnAction(e -> model.duplicate());
        renameVariantButton.setOnAction(e -> rename());
        deleteVariantButton.setOnAction(e -> model.delete());
        upButton.setOnAction(e -> model.move(-1));
        downButton.setOnAction(e -> model.move(1));
        for (Button b : List.of(addVariantButton, duplicateVariantButton, renameVariantButton, deleteVariantButton,
                upButton, downButton)) {
            b.disableProperty().bind(model.topicProperty().isNull());
        }
    }

    private void rename() {
        VariantsEditorViewModel.Item item = model.selectedProperty().get();
        if (item != null) {
            TextInputDialog ask = new TextInputDialog(item.name());
            ask.setHeaderText("Rename variant '" + item.name() + "'");
            ask.initOwner(root.getScene().getWindow());
            ask.showAndWait().ifPresent(model::rename);
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
}
