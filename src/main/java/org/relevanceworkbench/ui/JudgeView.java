package org.relevanceworkbench.ui;

import java.io.IOException;
import java.net.URL;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.judge.QueueOrder;

/**
 * Binds JudgeView.fxml to its {@link JudgeViewModel}. Keys: the digits grade, S skips, ← and →
 * move, Ctrl+Z undoes; they are left alone while a text field has the focus (typing a note).
 */
public final class JudgeView {
    @FXML
    private TextField assessorField;
    @FXML
    private ComboBox<String> variantBox;
    @FXML
    private TextField candidatesField;
    @FXML
    private ComboBox<QueueOrder> orderBox;
    @FXML
    private CheckBox adjudicationBox;
    @FXML
    private Button startButton;
    @FXML
    private Label queryLabel;
    @FXML
    private Label instructionLabel;
    @FXML
    private Label docIdLabel;
    @FXML
    private Label titleLabel;
    @FXML
    private TextFlow textFlow;
    @FXML
    private Label suggestionLabel;
    @FXML
    private Label ownGradeLabel;
    @FXML
    private Label othersLabel;
    @FXML
    private TextField noteField;
    @FXML
    private HBox gradeBar;
    @FXML
    private Button previousButton;
    @FXML
    private Button skipButton;
    @FXML
    private Button undoButton;
    @FXML
    private Label progressLabel;
    @FXML
    private Label statusLabel;

    private final JudgeViewModel model;

    public JudgeView(JudgeViewModel model) {
        this.model = model;
    }

    /** Loads JudgeView.fxml with this screen's stylesheet. */
    public static Parent load(JudgeViewModel model) throws IOException {
        URL fxml = JudgeView.class.getResource("/fxml/JudgeView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new JudgeView(model));
        Parent root = loader.load();
        root.getStylesheets().add(JudgeView.class.getResource("/styles/workbench.css").toExternalForm());
        return root;
    }

    @FXML
    private void initialize() {
        assessorField.textProperty().bindBidirectional(model.assessorProperty());
        variantBox.setItems(model.variants());
        variantBox.valueProperty().bindBidirectional(model.variantProperty());
        candidatesField.textProperty().bindBidirectional(model.candidatesProperty());
        orderBox.getItems().setAll(QueueOrder.values());
        orderBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(QueueOrder order) {
                return order == null ? "" : order.cliName();
            }

            @Override
            public QueueOrder fromString(String text) {
                return QueueOrder.parse(text);
            }
        });
        orderBox.valueProperty().bindBidirectional(model.orderProperty());
        adjudicationBox.selectedProperty().bindBidirectional(model.adjudicationProperty());
        startButton.setOnAction(e -> model.start());

        queryLabel.textProperty().bind(model.queryProperty());
        instructionLabel.textProperty().bind(model.instructionProperty());
        docIdLabel.textProperty().bind(model.docIdProperty());
        titleLabel.textProperty().bind(model.titleProperty());
        model.text().addListener((ListChangeListener<Highlighter.Segment>) change -> showText());
        suggestionLabel.textProperty().bind(model.suggestionProperty());
        othersLabel.textProperty().bind(model.othersProperty());
        noteField.textProperty().bindBidirectional(model.noteProperty());
        progressLabel.textProperty().bind(model.progressProperty());
        statusLabel.textProperty().bind(model.statusProperty());

        for (int grade = 0; grade < model.gradeLabels().size(); grade++) {
            int value = grade;
            Button button = new Button(model.gradeLabel(grade));
            button.setId("grade" + grade);
            button.getStyleClass().add("grade-button");
            button.setOnAction(e -> model.grade(value));
            button.disableProperty().bind(model.startedProperty().not());
            gradeBar.getChildren().add(grade, button);
        }
        model.ownGradeProperty().addListener((obs, old, grade) -> markOwnGrade(grade));
        previousButton.setOnAction(e -> model.previous());
        skipButton.setOnAction(e -> model.skip());
        undoButton.setOnAction(e -> model.undo());
        previousButton.disableProperty().bind(model.startedProperty().not());
        skipButton.disableProperty().bind(model.startedProperty().not());
        undoButton.disableProperty().bind(model.canUndoProperty().not());

        gradeBar.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                listenForKeys(scene);
            }
        });
    }

    private void listenForKeys(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.Z && e.isShortcutDown()) {
                model.undo();
                e.consume();
                return;
            }
            if (!model.startedProperty().get() || scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            if (e.getCode().isDigitKey()) {
                model.grade(Integer.parseInt(e.getText().isEmpty() ? "-1" : e.getText().substring(0, 1)));
            } else if (e.getCode() == KeyCode.S) {
                model.skip();
            } else if (e.getCode() == KeyCode.LEFT) {
                model.previous();
            } else if (e.getCode() == KeyCode.RIGHT) {
                model.next();
            } else {
                return;
            }
            e.consume();
        });
    }

    private void showText() {
        textFlow.getChildren().clear();
        for (Highlighter.Segment segment : model.text()) {
            Text node = new Text(segment.text());
            if (segment.highlighted()) {
                node.getStyleClass().add("highlight");
            }
            textFlow.getChildren().add(node);
        }
    }

    private void markOwnGrade(Integer grade) {
        for (int i = 0; i < model.gradeLabels().size(); i++) {
            gradeBar.getChildren().get(i).getStyleClass().remove("judged");
        }
        if (grade != null && grade >= 0 && grade < model.gradeLabels().size()) {
            gradeBar.getChildren().get(grade).getStyleClass().add("judged");
        }
        ownGradeLabel.setText(grade == null ? "not judged yet" : "your grade: " + model.gradeLabel(grade));
    }
}
