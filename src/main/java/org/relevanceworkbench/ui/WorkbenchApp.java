package org.relevanceworkbench.ui;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.relevanceworkbench.store.Database;

/** The JavaFX application: opens the workspace given on the command line in the workspace window. */
public final class WorkbenchApp extends Application {
    private static volatile Path workspace;
    private Database db;
    private FxTaskExecutor tasks;

    /** Opens the window on {@code db} and returns when it is closed. */
    public static void launchOn(Path db) {
        workspace = db;
        Application.launch(WorkbenchApp.class);
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
