package org.relevanceworkbench.ui;

import java.io.IOException;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;

/** Binds StatusBarView.fxml to its {@link StatusBarViewModel}; the scorer's per-server counts are its tooltip. */
public final class StatusBarView {
    @FXML private Label modelStatus;
    @FXML private ProgressBar modelProgress;
    @FXML private Button cancelModelButton;
    @FXML private Label statusLabel;
    @FXML private Label importStatus;
    @FXML private ProgressBar importProgress;
    @FXML private Button cancelImportButton;

    private final StatusBarViewModel model;

    public StatusBarView(StatusBarViewModel model) {
        this.model = model;
    }

    public static Parent load(StatusBarViewModel model) throws IOException {
        return Fxml.load(StatusBarView.class, new StatusBarView(model));
    }

    @FXML
    private void initialize() {
        modelStatus.textProperty().bind(model.scorerText());
        Tooltip servers = new Tooltip();
        servers.textProperty().bind(model.scorerDetails());
        model.scorerDetails().addListener((obs, old, now) -> modelStatus.setTooltip(now.isEmpty() ? null : servers));
        modelProgress.progressProperty().bind(model.loadProgress());
        modelProgress.visibleProperty().bind(model.loading());
        cancelModelButton.visibleProperty().bind(model.loading());
        cancelModelButton.managedProperty().bind(model.loading());
        cancelModelButton.setOnAction(e -> model.cancelLoading());
        statusLabel.textProperty().bind(model.workspaceText());
        importStatus.textProperty().bind(model.importText());
        importProgress.progressProperty().bind(model.importProgress());
        importProgress.visibleProperty().bind(model.importing());
        cancelImportButton.visibleProperty().bind(model.importing());
        cancelImportButton.setOnAction(e -> model.cancelImport());
    }
}
