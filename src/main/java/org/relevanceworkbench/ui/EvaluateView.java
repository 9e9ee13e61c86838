package org.relevanceworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Binds EvaluateView.fxml, Evaluate… on a collection, to its {@link EvaluateViewModel}. Closing the dialog while it
 * runs cancels after the current batch; what finished stays in the score cache.
 */
public final class EvaluateView {
    @FXML private VBox root;
    @FXML private Label titleLabel;
    @FXML private TextField variantsField;
    @FXML private TextField candidatesField;
    @FXML private TextField topicsField;
    @FXML private TextField outputField;
    @FXML private Button browseButton;
    @FXML private Label planLabel;
    @FXML private ListView<String> topicList;
    @FXML private Label resultLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Button checkButton;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private Button closeButton;

    private final EvaluateViewModel model;

    public EvaluateView(EvaluateViewModel model) {
        this.model = model;
    }

    public static Parent load(EvaluateViewModel model) throws IOException {
        URL fxml = EvaluateView.class.getResource("/fxml/EvaluateView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new EvaluateView(model));
        return loader.load();
    }

    /** Opens the dialog over {@code owner} with the window's stylesheets, and plans the evaluation at once. */
    public static Stage open(Window owner, EvaluateViewModel model, List<String> stylesheets) throws IOException {
        Stage stage = new Stage();
        stage.setTitle("Evaluate " + model.collectionName());
        Scene scene = new Scene(load(model));
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setOnHidden(e -> model.cancel());
        stage.show();
        model.check();
        return stage;
    }

    @FXML
    private void initialize() {
        titleLabel.setText("FollowIR's evaluation of '" + model.collectionName() + "': every topic under both"
                + " instructions, then p-MRR, og MAP and og nDCG@5, with the scorer the window has now.");
        variantsField.textProperty().bindBidirectional(model.variantsProperty());
        candidatesField.textProperty().bindBidirectional(model.candidatesProperty());
        topicsField.textProperty().bindBidirectional(model.topicsProperty());
        outputField.textProperty().bindBidirectional(model.outputFolderProperty());
        planLabel.textProperty().bind(model.planProperty());
        topicList.setItems(model.topicLines());
        model.topicLines().addListener((javafx.collections.ListChangeListener<String>) c ->
                topicList.scrollTo(Math.max(0, model.topicLines().size() - 1)));
        resultLabel.textProperty().bind(model.resultProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(model.runningProperty());
        progressBar.managedProperty().bind(model.runningProperty());
        for (javafx.scene.Node field : List.of(variantsField, candidatesField, topicsField, outputField, browseButton,
                checkButton, runButton)) {
            field.disableProperty().bind(model.runningProperty());
        }
        cancelButton.disableProperty().bind(model.runningProperty().not());
        checkButton.setOnAction(e -> model.check());
        runButton.setOnAction(e -> model.run());
        cancelButton.setOnAction(e -> model.cancel());
        closeButton.setOnAction(e -> window().hide());
        browseButton.setOnAction(e -> browse());
        model.failureProperty().addListener((obs, old, failure) -> {
            if (failure != null) {
                Dialogs.error(window(), WorkbenchViewModel.message(failure), failure).show();
            }
        });
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Where the evaluation's runs, summary.json and per_topic.tsv go");
        String current = outputField.getText() == null ? "" : outputField.getText().strip();
        File parent = current.isEmpty() ? null : Path.of(current).toAbsolutePath().getParent().toFile();
        if (parent != null && parent.isDirectory()) {
            chooser.setInitialDirectory(parent);
        }
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.outputFolderProperty().set(folder.getAbsolutePath());
        }
    }
}
