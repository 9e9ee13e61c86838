package org.relevanceworkbench.ui;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Database;

/** The JavaFX application: opens the workspace given on the command line in the workspace window. */
public final class WorkbenchApp extends Application {
    private static volatile Path workspace;
    /** JavaFX warns at every start that it runs from the class path: our choice, not news. Held strongly,
     *  since java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger QUIET_PLATFORM_LOG =
            java.util.logging.Logger.getLogger("javafx");
    private Database db;
    private FxTaskExecutor tasks;

    /** Opens the window on {@code db} and returns when it is closed. */
    public static void launchOn(Path db) {
        workspace = db;
        QUIET_PLATFORM_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            Application.launch(WorkbenchApp.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new UserException("cannot open the window (" + e.getMessage() + "); JavaFX needs a display and, "
                    + "on Linux, GTK 3 (Debian/Ubuntu package libgtk-3-0). The command line works without them: "
                    + "see --help", e);
        }
    }

    @Override
    public void start(Stage stage) throws IOException {
        db = Database.open(workspace);
        tasks = new FxTaskExecutor();
        WorkspaceViewModel model = new WorkspaceViewModel(db, tasks);
        stage.setScene(new Scene(load(model), 1100, 700));
        stage.setTitle("Relevance Workbench — " + db.file());
        stage.show();
        model.start();
    }

    /** Loads WorkspaceView.fxml with its view and stylesheet; shared with the UI tests. */
    public static Parent load(WorkspaceViewModel model) throws IOException {
        URL fxml = WorkbenchApp.class.getResource("/fxml/WorkspaceView.fxml");
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> new WorkspaceView(model));
        Parent root = loader.load();
        root.getStylesheets().add(WorkbenchApp.class.getResource("/styles/workbench.css").toExternalForm());
        return root;
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
