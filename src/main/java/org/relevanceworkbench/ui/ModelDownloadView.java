package org.relevanceworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Binds ModelDownloadView.fxml, Model ▸ Download…, to the window's one {@link ModelDownloadViewModel}. Opening it
 * checks the plan unless a download runs; closing it leaves a download running, and the next opening shows it.
 */
public final class ModelDownloadView {
    @FXML private VBox root;
    @FXML private TextField repoField;
    @FXML private TextField revisionField;
    @FXML private RadioButton cacheRadio;
    @FXML private RadioButton folderRadio;
    @FXML private TextField folderField;
    @FXML private Button browseButton;
    @FXML private PasswordField tokenField;
    @FXML private Label planLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private ListView<String> lineList;
    @FXML private Label statusLabel;
    @FXML private Button serverButton;
    @FXML private Button checkButton;
    @FXML private Button startButton;
    @FXML private Button cancelButton;
    @FXML private Button closeButton;

    private final ModelDownloadViewModel model;
    /** Listeners on the view model, which outlives this dialog: removed when it closes. */
    private final List<Runnable> detach = new ArrayList<>();

    public ModelDownloadView(ModelDownloadViewModel model) {
        this.model = model;
    }

    /** Opens the dialog over {@code owner} with the window's stylesheets; checks the plan unless a download runs. */
    public static Stage open(Window owner, ModelDownloadViewModel model, List<String> stylesheets) throws IOException {
        URL fxml = ModelDownloadView.class.getResource("/fxml/ModelDownloadView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new ModelDownloadView(model));
        Parent root = loader.load();
        ModelDownloadView view = loader.getController();
        Stage stage = new Stage();
        stage.setTitle("Download a model");
        Scene scene = new Scene(root);
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setOnHidden(e -> view.detach());
        stage.show();
        if (!model.runningProperty().get()) {
            model.check();
        }
        return stage;
    }

    @FXML
    private void initialize() {
        repoField.textProperty().bindBidirectional(model.repoProperty());
        revisionField.textProperty().bindBidirectional(model.revisionProperty());
        cacheRadio.setText("the Hugging Face cache, shared with Python tools: " + model.cacheText());
        (model.destinationProperty().get() == ModelDownloadViewModel.Destination.FOLDER ? folderRadio : cacheRadio)
                .setSelected(true);
        folderRadio.selectedProperty().addListener((obs, was, now) -> model.destinationProperty()
                .set(now ? ModelDownloadViewModel.Destination.FOLDER : ModelDownloadViewModel.Destination.HUB_CACHE));
        folderField.textProperty().bindBidirectional(model.folderProperty());
        folderField.disableProperty().bind(folderRadio.selectedProperty().not().or(model.runningProperty()));
        browseButton.disableProperty().bind(folderField.disableProperty());
        browseButton.setOnAction(e -> browse());
        tokenField.textProperty().bindBidirectional(model.tokenProperty());
        tokenField.setPromptText(model.tokenHint());
        planLabel.textProperty().bind(model.planProperty());
        progressBar.progressProperty().bind(model.progressProperty());
        progressBar.visibleProperty().bind(model.runningProperty());
        progressLabel.textProperty().bind(model.progressTextProperty());
        lineList.setItems(model.lines());
        ListChangeListener<String> scroll = c -> lineList.scrollTo(Math.max(0, model.lines().size() - 1));
        model.lines().addListener(scroll);
        detach.add(() -> model.lines().removeListener(scroll));
        statusLabel.textProperty().bind(model.statusProperty());
        for (Node field : List.of(repoField, revisionField, cacheRadio, folderRadio, tokenField, checkButton,
                startButton)) {
            field.disableProperty().bind(model.runningProperty().or(model.checkingProperty()));
        }
        cancelButton.disableProperty().bind(model.runningProperty().or(model.checkingProperty()).not());
        serverButton.visibleProperty().bind(model.offerServerProperty());
        serverButton.managedProperty().bind(model.offerServerProperty());
        serverButton.setOnAction(e -> {
            model.useForServer();
            window().hide();
        });
        checkButton.setOnAction(e -> model.check());
        startButton.setOnAction(e -> model.start());
        cancelButton.setOnAction(e -> model.cancel());
        closeButton.setOnAction(e -> window().hide());
        listen(model.failureProperty(), (obs, old, failure) -> {
            if (failure != null) {
                Dialogs.error(window(), WorkbenchViewModel.message(failure), failure).show();
            }
        });
    }

    private <T> void listen(ObservableValue<T> value, ChangeListener<T> listener) {
        value.addListener(listener);
        detach.add(() -> value.removeListener(listener));
    }

    private void detach() {
        detach.forEach(Runnable::run);
        detach.clear();
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    private void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The folder to download the model into");
        String current = folderField.getText() == null ? "" : folderField.getText().strip();
        File start = current.isEmpty() ? null : Path.of(current).toAbsolutePath().toFile();
        while (start != null && !start.isDirectory()) {
            start = start.getParentFile();
        }
        if (start != null) {
            chooser.setInitialDirectory(start);
        }
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.folderProperty().set(folder.getAbsolutePath());
        }
    }
}
