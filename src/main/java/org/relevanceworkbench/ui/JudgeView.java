package org.relevanceworkbench.ui;

import java.io.IOException;
import java.net.URL;
import java.util.List;
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
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.judge.JudgingCondition;
import org.relevanceworkbench.judge.QueueOrder;

/**
 * Binds JudgeView.fxml to its {@link JudgeViewModel}. Keys: Enter in the setup starts, then the digits grade, Enter
 * keeps the model's label when post-editing, S skips, ← and → move, Ctrl+Z undoes; they are left alone while a text
 * field has the focus (typing a note; Enter there returns to the document). Judging needs no mouse.
 */
public final class JudgeView {
    /** The smallest window in which the setup and the grade bar still show every label whole (JudgeViewTest). */
    static final double MIN_WIDTH = 780;
    static final double MIN_HEIGHT = 560;

    @FXML
    private BorderPane root;
    @FXML
    private TextField assessorField;
    @FXML
    private ComboBox<String> variantBox;
    @FXML
    private TextField candidatesField;
    @FXML
    private ComboBox<QueueOrder> orderBox;
    @FXML
    private ComboBox<JudgingCondition> conditionBox;
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
    private ScrollPane textScroll;
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
    private FlowPane gradeBar;
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

    /**
     * Opens the judging window over {@code owner} at its preferred size (the FXML's), with the owner's stylesheets.
     */
    public static Stage open(Window owner, JudgeViewModel model, String title, List<String> stylesheets)
            throws IOException {
        Stage stage = new Stage();
        stage.setTitle(title);
        Scene scene = new Scene(load(model));
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.show();
        return stage;
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
        conditionBox.getItems().setAll(JudgingCondition.values());
        conditionBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(JudgingCondition condition) {
                return condition == null ? "" : conditionLabel(condition);
            }

            @Override
            public JudgingCondition fromString(String text) {
                return conditionBox.getItems().stream().filter(c -> conditionLabel(c).equals(text)).findFirst()
                        .orElse(null);
            }
        });
        conditionBox.valueProperty().bindBidirectional(model.conditionProperty());
        adjudicationBox.selectedProperty().bindBidirectional(model.adjudicationProperty());
        // Enter in the setup starts; once started, Enter belongs to post-editing, and a start would reopen the queue.
        startButton.defaultButtonProperty().bind(model.startedProperty().not());
        startButton.setOnAction(e -> {
            model.start();
            textScroll.requestFocus(); // off the text fields, so that the keys judge at once
        });
        noteField.setOnAction(e -> textScroll.requestFocus());

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
        markOwnGrade(model.ownGradeProperty().get());
        ownGradeLabel.visibleProperty().bind(model.startedProperty()); // "not judged yet" means nothing before
        model.startingGradeProperty().addListener((obs, old, grade) -> markStartingGrade(grade));
        previousButton.setOnAction(e -> model.previous());
        skipButton.setOnAction(e -> model.skip());
        undoButton.setOnAction(e -> model.undo());
        previousButton.disableProperty().bind(model.startedProperty().not());
        skipButton.disableProperty().bind(model.startedProperty().not());
        undoButton.disableProperty().bind(model.canUndoProperty().not());

        gradeBar.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                listenForKeys(scene);
                scene.windowProperty().addListener((o, was, window) -> keepWhole(window));
            }
        });
    }

    /** What the condition choice reads: what the assessor will see of the model. */
    static String conditionLabel(JudgingCondition condition) {
        return switch (condition) {
            case SUGGESTED -> "model p(true) shown";
            case BLIND -> "blind";
            case POST_EDIT -> "post-edit model label";
        };
    }

    /** A window narrower than this would start cutting the setup's labels. */
    private static void keepWhole(Window window) {
        if (window instanceof Stage stage) {
            stage.setMinWidth(MIN_WIDTH);
            stage.setMinHeight(MIN_HEIGHT);
        }
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
            if (e.getCode() == KeyCode.ENTER && model.startingGradeProperty().get() != null) {
                model.confirm();
            } else if (e.getCode().isDigitKey()) {
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

    /** Post-editing: the model's label stands out among the grade buttons, as what Enter keeps. */
    private void markStartingGrade(Integer grade) {
        for (int i = 0; i < model.gradeLabels().size(); i++) {
            gradeBar.getChildren().get(i).getStyleClass().remove("model-label");
        }
        if (grade != null && grade >= 0 && grade < model.gradeLabels().size()) {
            gradeBar.getChildren().get(grade).getStyleClass().add("model-label");
        }
    }
}
