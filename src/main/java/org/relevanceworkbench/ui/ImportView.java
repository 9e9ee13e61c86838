package org.relevanceworkbench.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.store.CollectionStats;

/**
 * The import flow of the window, over its {@link ImportViewModel}: the File menu's choosers, files dropped on the
 * window, the question which collection, and the report dialog when an import ends. Its controls are the system's
 * file chooser and dialogs, so it has no FXML of its own.
 */
public final class ImportView {
    private final ImportViewModel model;
    private final WorkspaceViewModel workspace;
    private final Supplier<Window> window;

    public ImportView(ImportViewModel model, WorkspaceViewModel workspace, Supplier<Window> window) {
        this.model = model;
        this.workspace = workspace;
        this.window = window;
        model.reportProperty().addListener((obs, old, report) -> {
            if (report != null) {
                Dialogs.importReport(window.get(), report.summary(), report.problems()).show();
            }
        });
    }

    /** Files and folders dropped on {@code target} are imported (documents unless the name says qrels, topics or run). */
    public void acceptDrops(Node target) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                drop(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** File ▸ Import …: files of one kind, chosen in the system's file chooser. */
    public void choose(RecordKind kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import " + kind.label());
        List<File> files = chooser.showOpenMultipleDialog(window.get());
        if (files != null && !files.isEmpty()) {
            List<Path> paths = files.stream().map(File::toPath).toList();
            askCollection(paths, kind == RecordKind.DOCUMENTS).ifPresent(name -> model.importFiles(kind, paths, name));
        }
    }

    /** Files dropped on the window: one collection asked for (unless only non-documents go to the selected one). */
    public void drop(List<Path> files) {
        askCollection(files, ImportViewModel.bringsDocuments(files)).ifPresent(name -> model.importDropped(files, name));
    }

    /** The collection to import into: the selected one for topics, qrels and runs; asked for when documents come. */
    private Optional<String> askCollection(List<Path> files, boolean documents) {
        CollectionStats selected = workspace.selectedProperty().get();
        String suggestion = selected != null ? selected.collection().name()
                : files.get(0).getFileName().toString().replaceAll("\\..*$", "");
        if (!documents && selected != null) {
            return Optional.of(suggestion);
        }
        TextInputDialog ask = new TextInputDialog(suggestion);
        ask.setHeaderText("Import " + files.size() + " file(s) into which collection?"
                + (documents ? " A new name creates it." : ""));
        ask.initOwner(window.get());
        return ask.showAndWait().map(String::strip).filter(name -> !name.isEmpty());
    }
}
