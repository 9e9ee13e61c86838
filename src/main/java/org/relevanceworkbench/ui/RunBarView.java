package org.relevanceworkbench.ui;

import java.io.IOException;
import javafx.beans.binding.BooleanExpression;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;

/**
 * Binds RunBarView.fxml to the {@link ScoringViewModel}: the candidates to score, Run (only with a topic open and no
 * model loading) and Cancel, the run's progress and status, and the banner that says what the scores are.
 */
public final class RunBarView {
    @FXML private TextField candidatesField;
    @FXML private Button runButton;
    @FXML private Button cancelRunButton;
    @FXML private ProgressBar runProgress;
    @FXML private Label runStatus;
    @FXML private Label bannerLabel;

    private final ScoringViewModel model;
    private final Runnable run;
    private final BooleanExpression noTopic;

    /** {@code run} scores the open topic's variants; {@code noTopic} holds while there is none. */
    public RunBarView(ScoringViewModel model, Runnable run, BooleanExpression noTopic) {
        this.model = model;
        this.run = run;
        this.noTopic = noTopic;
    }

    public static Parent load(ScoringViewModel model, Runnable run, BooleanExpression noTopic) throws IOException {
        return Fxml.load(RunBarView.class, new RunBarView(model, run, noTopic));
    }

    @FXML
    private void initialize() {
        candidatesField.textProperty().bindBidirectional(model.candidatesProperty());
        runButton.setOnAction(e -> run.run());
        runButton.disableProperty().bind(model.runningProperty().or(noTopic).or(model.loadingProperty()));
        cancelRunButton.setOnAction(e -> model.cancel());
        cancelRunButton.disableProperty().bind(model.runningProperty().not());
        runProgress.progressProperty().bind(model.runProgressProperty());
        runProgress.visibleProperty().bind(model.runningProperty());
        runStatus.textProperty().bind(model.runStatusProperty());
        bannerLabel.textProperty().bind(model.bannerProperty());
        bannerLabel.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        bannerLabel.managedProperty().bind(bannerLabel.visibleProperty());
    }
}
