package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.store.Database;
import org.testfx.util.WaitForAsyncUtils;

/** What the TestFX tests share: a workspace with the sample corpora, a stage showing a part or the window, its closing. */
final class TestStages {
    private TestStages() {
    }

    /** A workspace in {@code dir} with both sample corpora loaded and indexed. */
    static Database samples(Path dir) {
        Database db = Database.open(dir.resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        return db;
    }

    /**
     * Closes what a test of the whole window opened: cancels a run and waits for it to end (a run still writing would
     * outlive the database), then the view model, its task executor and the workspace.
     */
    static void closeWorkbench(WorkbenchViewModel vm, FxTaskExecutor tasks, Database db) throws Exception {
        vm.cancel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.scoring().runningProperty().get());
        vm.close();
        tasks.close();
        db.close();
    }

    /** Shows {@code root} in {@code stage} at {@code width} × {@code height}, in the light theme. */
    static Scene show(Stage stage, Parent root, double width, double height) {
        Theme.LIGHT.apply();
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().setAll(Theme.LIGHT.workbenchStylesheets());
        stage.setScene(scene);
        stage.sizeToScene(); // the shared primary stage keeps a size an earlier test gave it otherwise
        stage.show();
        return scene;
    }
}
