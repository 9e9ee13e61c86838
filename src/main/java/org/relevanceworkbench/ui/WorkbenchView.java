package org.relevanceworkbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.RecordKind;

/**
 * The main window's shell, WorkbenchView.fxml: the menu bar, the layout of its parts (each an {@code fx:include}
 * with a view and a view model of its own: workspace, variants editor, run bar, comparison, attribution, search,
 * status bar), and the shortcuts: Ctrl+R (or F5) runs, Esc cancels, Ctrl+] picks the next variant as B, Ctrl+F goes
 * to the comparison's filter. Files dropped on the window are imported ({@link ImportView}).
 */
public final class WorkbenchView {
    @FXML private BorderPane root;
    @FXML private MenuItem newWorkspaceItem;
    @FXML private MenuItem openWorkspaceItem;
    @FXML private Menu recentMenu;
    @FXML private MenuItem importDocumentsItem;
    @FXML private MenuItem importTopicsItem;
    @FXML private MenuItem importQrelsItem;
    @FXML private MenuItem importRunItem;
    @FXML private MenuItem quitItem;
    @FXML private MenuItem chooseModelItem;
    @FXML private MenuItem downloadModelItem;
    @FXML private MenuItem connectServerItem;
    @FXML private MenuItem evaluateItem;
    @FXML private CheckMenuItem bm25Item;
    @FXML private RadioMenuItem lightItem;
    @FXML private RadioMenuItem darkItem;
    @FXML private MenuItem demoItem;
    @FXML private MenuItem aboutItem;
    @FXML private TabPane tabs;
    @FXML private Tab attributionTab;

    private final WorkbenchViewModel model;
    private final WorkbenchHost host;
    private final ImportView imports;

    public WorkbenchView(WorkbenchViewModel model, WorkbenchHost host) {
        this.model = model;
        this.host = host;
        this.imports = new ImportView(model.imports(), model.workspace(), this::window);
    }

    /** Loads WorkbenchView.fxml with its parts, each part's controller on its own view model. */
    public static Parent load(WorkbenchViewModel model, WorkbenchHost host) throws IOException {
        Map<Class<?>, Supplier<?>> parts = Map.of(
                WorkbenchView.class, () -> new WorkbenchView(model, host),
                WorkspaceView.class, () -> new WorkspaceView(model.workspace()),
                VariantsEditorView.class, () -> new VariantsEditorView(model.editor()),
                RunBarView.class, () -> new RunBarView(model.scoring(), model::run, model.topicProperty().isNull()),
                ComparisonView.class, () -> new ComparisonView(model.comparison()),
                AttributionView.class, () -> new AttributionView(model.attribution()),
                SearchView.class, () -> new SearchView(model.search()),
                StatusBarView.class, () -> new StatusBarView(model.statusBar()));
        return Fxml.load("WorkbenchView", parts);
    }

    @FXML
    private void initialize() {
        bindFileMenu();
        new ModelMenu(model, host, this::window, () -> root.getScene().getStylesheets())
                .bind(chooseModelItem, downloadModelItem, connectServerItem, evaluateItem);
        bm25Item.selectedProperty().bindBidirectional(model.scoring().useBm25Property());
        (host.preferences().theme() == Theme.DARK ? darkItem : lightItem).setSelected(true);
        lightItem.setOnAction(e -> host.applyTheme(Theme.LIGHT));
        darkItem.setOnAction(e -> host.applyTheme(Theme.DARK));
        demoItem.setOnAction(e -> model.jamesCameronDemo());
        aboutItem.setOnAction(e -> about());
        model.attribution().activeProperty().bind(attributionTab.selectedProperty()); // plans wait until it is shown
        imports.acceptDrops(root);
        model.failureProperty().addListener((obs, old, failure) -> {
            if (failure != null) {
                Dialogs.error(window(), WorkbenchViewModel.message(failure),
                        failure instanceof UserException ? null : failure).show();
            }
        });
        model.workspace().errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                Dialogs.error(window(), message, null).show();
                model.workspace().errorProperty().set(null);
            }
        });
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                shortcuts(scene);
            }
        });
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void bindFileMenu() {
        newWorkspaceItem.setOnAction(e -> chooseWorkspace(true));
        openWorkspaceItem.setOnAction(e -> chooseWorkspace(false));
        for (Path recent : host.preferences().recentWorkspaces()) {
            MenuItem item = new MenuItem(recent.toString());
            item.setOnAction(e -> host.openWorkspace(recent));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
        importDocumentsItem.setOnAction(e -> imports.choose(RecordKind.DOCUMENTS));
        importTopicsItem.setOnAction(e -> imports.choose(RecordKind.TOPICS));
        importQrelsItem.setOnAction(e -> imports.choose(RecordKind.QRELS));
        importRunItem.setOnAction(e -> imports.choose(RecordKind.RUNS));
        quitItem.setOnAction(e -> host.quit());
    }

    private void chooseWorkspace(boolean create) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(create ? "New workspace" : "Open workspace");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workspaces (*.db)", "*.db"));
        var file = create ? chooser.showSaveDialog(window()) : chooser.showOpenDialog(window());
        if (file != null) {
            host.openWorkspace(file.toPath());
        }
    }

    private void about() {
        Alert about = new Alert(Alert.AlertType.INFORMATION, "Instruction-sensitive relevance judging around "
                + "FollowIR-7B.\nWorkspace: " + model.database().file());
        about.setHeaderText("Relevance Workbench");
        about.initOwner(window());
        about.show();
    }

    private void shortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), model::run);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), model::run);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), model::cancel);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.CLOSE_BRACKET, KeyCombination.SHORTCUT_DOWN),
                model::nextVariant);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            Node filter = root.lookup("#filterField");
            if (filter != null) {
                filter.requestFocus();
            }
        });
    }
}
