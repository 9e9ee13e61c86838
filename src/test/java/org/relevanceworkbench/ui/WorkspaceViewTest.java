package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless on Monocle: first start loads the samples, a search fills the table. */
@ExtendWith(ApplicationExtension.class)
class WorkspaceViewTest {
    private Database db;
    private FxTaskExecutor tasks;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("rw-ui");
        db = Database.open(dir.resolve("ws.db"));
        tasks = new FxTaskExecutor();
        WorkspaceViewModel model = new WorkspaceViewModel(db, tasks);
        stage.setScene(new Scene(WorkbenchApp.load(model), 1000, 650));
        stage.show();
        model.start();
    }

    @AfterEach
    void close() {
        tasks.close();
        db.close();
    }

    @Test
    void showsTheSampleCollectionsTopicsAndSearchResults(FxRobot robot) throws Exception {
        ListView<CollectionStats> collections = robot.lookup("#collectionList").queryListView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> collections.getItems().size() == 2);
        assertThat(collections.getItems()).extracting(s -> s.collection().name())
                .containsExactly("james-cameron", "trec-mini");
        TableView<Topic> topics = robot.lookup("#topicTable").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> topics.getItems().size() == 1);
        assertThat(topics.getItems().get(0).query()).isEqualTo("What movies were written by James Cameron?");

        robot.clickOn("#searchField").write("Titanic: \"directed\" (1997)").type(KeyCode.ENTER);
        TableView<SearchHit> hits = robot.lookup("#hitTable").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !hits.getItems().isEmpty());
        assertThat(hits.getItems().get(0).docId()).isEqualTo("titanic-1997");
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        assertThat(status.getText()).endsWith("BM25 results");

        robot.interact(() -> collections.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> topics.getItems().size() == 10);
        assertThat(hits.getItems()).isEmpty();
    }
}
