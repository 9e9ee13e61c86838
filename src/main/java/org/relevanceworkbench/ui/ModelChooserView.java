package org.relevanceworkbench.ui;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.relevanceworkbench.hub.LocalModel;

/**
 * Binds ModelChooserView.fxml, Model ▸ Choose model…, to its {@link ModelChooserViewModel}: a table of the models
 * found (double-click or Choose), Browse… for any folder, Refresh. It closes once a model loads or a tokenizer folder
 * goes to Connect to server…, or on Cancel (or Esc).
 */
public final class ModelChooserView {
    @FXML private VBox root;
    @FXML private Label cacheLabel;
    @FXML private TableView<LocalModel> table;
    @FXML private TableColumn<LocalModel, String> nameColumn;
    @FXML private TableColumn<LocalModel, String> revisionColumn;
    @FXML private TableColumn<LocalModel, String> sizeColumn;
    @FXML private TableColumn<LocalModel, String> contentsColumn;
    @FXML private TableColumn<LocalModel, String> sourceColumn;
    @FXML private Label folderLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressBar busyBar;
    @FXML private Button browseButton;
    @FXML private Button refreshButton;
    @FXML private Button chooseButton;
    @FXML private Button cancelButton;

    private final ModelChooserViewModel model;

    public ModelChooserView(ModelChooserViewModel model) {
        this.model = model;
    }

    public static Parent load(ModelChooserViewModel model) throws IOException {
        URL fxml = ModelChooserView.class.getResource("/fxml/ModelChooserView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new ModelChooserView(model));
        return loader.load();
    }

    /** Opens the dialog over {@code owner} with the window's stylesheets, and reads the cache at once. */
    public static Stage open(Window owner, ModelChooserViewModel model, List<String> stylesheets) throws IOException {
        Stage stage = new Stage();
        stage.setTitle("Choose model");
        Scene scene = new Scene(load(model));
        scene.getStylesheets().setAll(stylesheets);
        stage.setScene(scene);
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.show();
        model.refresh();
        return stage;
    }

    @FXML
    private void initialize() {
        column(nameColumn, LocalModel::name, OverrunStyle.ELLIPSIS);
        column(revisionColumn, ModelChooserViewModel::revision, OverrunStyle.ELLIPSIS);
        column(sizeColumn, ModelChooserViewModel::size, OverrunStyle.ELLIPSIS);
        column(contentsColumn, ModelChooserViewModel::contents, OverrunStyle.ELLIPSIS);
        column(sourceColumn, ModelChooserViewModel::source, OverrunStyle.ELLIPSIS);
        sizeColumn.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.models());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        folderLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                model.selectedProperty().get() == null ? "" : "Folder: " + model.selectedProperty().get().folder(),
                model.selectedProperty()));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
                table.scrollTo(now);
            }
        });
        table.setRowFactory(t -> {
            TableRow<LocalModel> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.selectedProperty().set(row.getItem());
                    model.choose();
                }
            });
            return row;
        });
        cacheLabel.textProperty().bind(model.cacheProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        busyBar.visibleProperty().bind(model.busyProperty());
        busyBar.managedProperty().bind(model.busyProperty());
        for (Button b : List.of(browseButton, refreshButton, chooseButton)) {
            b.disableProperty().bind(model.busyProperty());
        }
        browseButton.setOnAction(e -> browse());
        refreshButton.setOnAction(e -> model.refresh());
        chooseButton.setOnAction(e -> model.choose());
        cancelButton.setOnAction(e -> close());
        model.chosenProperty().addListener((obs, was, now) -> {
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

    /** A text column whose cells show the whole text in a tooltip too, should it not fit. */
    private static void column(TableColumn<LocalModel, String> column, Function<LocalModel, String> text,
            OverrunStyle overrun) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                setTextOverrun(overrun);
                TableCells.tooltip(this, empty ? null : value);
            }
        });
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void close() {
        if (window() != null) {
            window().hide();
        }
    }

    private void browse() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("A model folder: config.json, tokenizer.json and .safetensors weights");
        LocalModel selected = model.selectedProperty().get();
        if (selected != null && selected.folder().getParent() != null
                && selected.folder().getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(selected.folder().getParent().toFile());
        }
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.browse(folder.toPath());
        }
    }
}
