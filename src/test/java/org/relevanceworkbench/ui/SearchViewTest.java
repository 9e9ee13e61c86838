package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Search tab on its own, headless: typed words and Enter give BM25 hits of the selected collection. */
@ExtendWith(ApplicationExtension.class)
class SearchViewTest {
    @TempDir
    Path dir;
    private Database db;
    private WorkspaceViewModel workspace;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        db = TestStages.samples(dir); // loaded here, not by start(): its progress would reach the labels off the FX thread
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        workspace = new WorkspaceViewModel(db, tasks);
        SearchViewModel model = new SearchViewModel(db, tasks, workspace);
        scene = TestStages.show(stage, SearchView.load(model), 1000, 500);
        workspace.start(); // james-cameron selected
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void enterSearchesAndTheTableShowsRankIdScoreTitleAndMarkedSnippet(FxRobot robot) {
        robot.clickOn("#searchField").write("Titanic").type(KeyCode.ENTER);
        TableView<SearchHit> hits = robot.lookup("#hitTable").queryTableView();
        assertThat(hits.getItems()).isNotEmpty();
        assertThat(hits.getItems().get(0).docId()).isEqualTo("titanic-1997");
        assertThat(hits.getItems()).extracting(SearchHit::rank).startsWith(1, 2);
        assertThat(SearchViewModel.snippet(hits.getItems().get(0))).contains("«Titanic»");
        assertThat(workspace.statusProperty().get()).isEqualTo(hits.getItems().size() + " BM25 results");
        robot.interact(() -> assertThat(CutLabels.in(scene)).isEmpty());
        robot.doubleClickOn("#searchField").eraseText(7).clickOn("#searchButton");
        assertThat(hits.getItems()).as("an empty box clears the results").isEmpty();
    }
}
