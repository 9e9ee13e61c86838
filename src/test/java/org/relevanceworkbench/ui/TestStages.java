package org.relevanceworkbench.ui;

import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.store.Database;

/** What the TestFX tests of one part share: a workspace with the sample corpora, and a stage showing the part. */
final class TestStages {
    private TestStages() {
    }

    /** A workspace in {@code dir} with both sample corpora loaded and indexed. */
    static Database samples(Path dir) {
        Database db = Database.open(dir.resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        return db;
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
