package org.relevanceworkbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.relevanceworkbench.store.CollectionStats;

/**
 * The Model menu's dialogs: Choose model…, Download… (its item shows the progress while it runs), Connect to
 * server… and Evaluate collection…. A tokenizer-only model, chosen or downloaded, goes on to Connect to server….
 */
final class ModelMenu {
    /** A dialog opener, which may fail to read its FXML. */
    @FunctionalInterface
    private interface Opener {
        void open() throws IOException;
    }

    private final WorkbenchViewModel model;
    private final WorkbenchHost host;
    private final Supplier<Window> window;
    private final Supplier<List<String>> stylesheets;

    ModelMenu(WorkbenchViewModel model, WorkbenchHost host, Supplier<Window> window, Supplier<List<String>> stylesheets) {
        this.model = model;
        this.host = host;
        this.window = window;
        this.stylesheets = stylesheets;
    }

    void bind(MenuItem choose, MenuItem download, MenuItem connect, MenuItem evaluate) {
        choose.setOnAction(e -> chooseModel());
        bindDownload(download);
        // a model that loads (chosen, downloaded, or the remembered one at start) heads the recent model folders
        model.scoring().loadedFolderProperty().addListener((obs, old, folder) -> {
            if (folder != null) {
                host.preferences().modelLoaded(folder);
            }
        });
        connect.setOnAction(e -> connectServer(null));
        connect.disableProperty().bind(model.scoring().runningProperty());
        evaluate.setOnAction(e -> evaluate());
        evaluate.disableProperty().bind(model.scoring().runningProperty()
                .or(model.workspace().selectedProperty().isNull()));
    }

    private void chooseModel() {
        ModelChooserViewModel chooser = model.modelChooser(host.preferences(), host::hubSettings);
        chooser.serverTokenizerProperty().addListener((obs, old, folder) -> {
            if (folder != null) {
                connectServer(folder);
            }
        });
        open("the model list", () -> ModelChooserView.open(window.get(), chooser, stylesheets.get()));
    }

    private void bindDownload(MenuItem item) {
        ModelDownloadViewModel download = model.modelDownload(host::hubSettings);
        item.textProperty().bind(Bindings.createStringBinding(() -> download.runningProperty().get()
                ? String.format(Locale.US, "Download… (%.0f%%)", download.progressProperty().get() * 100) : "Download…",
                download.runningProperty(), download.progressProperty()));
        download.serverTokenizerProperty().addListener((obs, old, folder) -> {
            if (folder != null) {
                connectServer(folder);
            }
        });
        item.setOnAction(e -> open("the download dialog",
                () -> ModelDownloadView.open(window.get(), download, stylesheets.get())));
    }

    /** Connect to server…, with {@code tokenizer} as its tokenizer folder when given. */
    private void connectServer(Path tokenizer) {
        ServerConnectViewModel dialog = model.serverConnect(host.preferences());
        if (tokenizer != null) {
            dialog.tokenizerFolderProperty().set(tokenizer.toString());
        }
        open("the server dialog", () -> ServerConnectView.open(window.get(), dialog, stylesheets.get()));
    }

    /** Evaluate… on the selected collection. */
    private void evaluate() {
        CollectionStats selected = model.workspace().selectedProperty().get();
        if (selected != null) {
            open("the evaluation dialog",
                    () -> EvaluateView.open(window.get(), model.evaluate(selected.collection()), stylesheets.get()));
        }
    }

    private void open(String what, Opener dialog) {
        try {
            dialog.open();
        } catch (IOException e) {
            Dialogs.error(window.get(), "cannot open " + what + ": " + e.getMessage(), e).show();
        }
    }
}
