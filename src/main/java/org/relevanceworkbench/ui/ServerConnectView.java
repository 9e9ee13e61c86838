package org.relevanceworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.relevanceworkbench.remote.EngineChoice;

/**
 * Binds ServerConnectView.fxml, Model ▸ Connect to server…, to its {@link ServerConnectViewModel}.
 * The dialog closes once connected, or on Cancel (or Esc); an unexpected failure opens an error
 * dialog with its details folded away.
 */
public final class ServerConnectView {
    @FXML private VBox root;
    @FXML private TextArea urlsArea;
    @FXML private ChoiceBox<EngineChoice> engineBox;
    @FXML private PasswordField keyField;
    @FXML private TextField tokenizerField;
    @FXML private Button browseButton;
    @FXML private ListView<String> checkList;
    @FXML private ProgressBar busyBar;
    @FXML private Label statusLabel;
    @FXML private Button testButton;
    @FXML private Button connectButton;
    @FXML private Button cancelButton;

    private final ServerConnectViewModel model;

    public ServerConnectView(ServerConnectViewModel model) {
        this.model = model;
    }

    /** Loads ServerConnectView.fxml for a model. */
    public static Parent load(ServerConnectViewModel model) throws IOException {
        URL fxml = ServerConnectView.class.getResource("/fxml/ServerConnectView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new ServerConnectView(model));
        return loader.load();
    }

    /** Opens the dialog over {@code owner} with the window's stylesheets. */
    public static Stage open(Window owner, ServerConnectViewModel model, List<String> stylesheets) throws IOException {
        Stage stage = new Stage();
        stage.setTitle("Connect to server");
        Scene scene = new Scene(load(model));
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setOnHidden(e -> model.dismiss());
        stage.show();
        return stage;
    }

    @FXML
    private void initialize() {
        urlsArea.textProperty().bindBidirectional(model.urlsProperty());
        engineBox.getItems().setAll(EngineChoice.values());
        engineBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(EngineChoice engine) {
                return engine == null ? "" : engine.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public EngineChoice fromString(String text) {
                return EngineChoice.parse(text);
            }
        });
        engineBox.valueProperty().bindBidirectional(model.engineProperty());
        keyField.textProperty().bindBidirectional(model.apiKeyProperty());
        tokenizerField.textProperty().bindBidirectional(model.tokenizerFolderProperty());
        browseButton.setOnAction(e -> browse());
        checkList.setItems(model.checks());
        statusLabel.textProperty().bind(model.statusProperty());
        busyBar.visibleProperty().bind(model.busyProperty());
        busyBar.managedProperty().bind(model.busyProperty());
        testButton.disableProperty().bind(model.busyProperty());
        connectButton.disableProperty().bind(model.busyProperty());
        testButton.setOnAction(e -> model.test());
        connectButton.setOnAction(e -> model.connect());
        cancelButton.setOnAction(e -> close());
        model.connectedProperty().addListener((obs, was, now) -> {
            if (now) {
                close();
            }
        });
        model.failureProperty().addListener((obs, old, failure) -> {
            if (failure != null) {
                Dialogs.error(window(), WorkbenchViewModel.message(failure), failure).show();
            }
        });
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void close() {
        model.dismiss();
        if (window() != null) {
            window().hide();
        }
    }

    private void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The FollowIR-7B model folder (its tokenizer files are enough)");
        String current = tokenizerField.getText() == null ? "" : tokenizerField.getText().strip();
        if (!current.isEmpty() && Path.of(current).toFile().isDirectory()) {
            chooser.setInitialDirectory(Path.of(current).toFile());
        }
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.tokenizerFolderProperty().set(folder.getAbsolutePath());
        }
    }
}
