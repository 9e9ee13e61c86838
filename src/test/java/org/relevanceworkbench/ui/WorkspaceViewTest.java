package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's left side on its own, headless: the sample collections, their topics, and Judge…. */
@ExtendWith(ApplicationExtension.class)
class WorkspaceViewTest {
    @TempDir
    Path dir;
    private Database db;
    private WorkspaceViewModel model;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        db = Database.open(dir.resolve("ws.db"));
        model = new WorkspaceViewModel(db, new CurrentThreadTaskExecutor());
        scene = TestStages.show(stage, WorkspaceView.load(model), 330, 700);
        model.start(); // an empty workspace: the sample corpora
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void listsTheCollectionsWithTheirCountsAndTheSelectedOnesTopics(FxRobot robot) {
        ListView<CollectionStats> collections = robot.lookup("#collectionList").queryListView();
        assertThat(collections.getItems()).extracting(WorkspaceViewModel::describe)
                .containsExactly("james-cameron — 40 documents, 1 topic", "trec-mini — 216 documents, 10 topics");
        ListView<Topic> topics = robot.lookup("#topicList").queryListView();
        assertThat(topics.getItems()).extracting(WorkspaceViewModel::describe)
                .containsExactly("cameron · What movies were written by James Cameron?");
        robot.clickOn("trec-mini — 216 documents, 10 topics");
        assertThat(topics.getItems()).hasSize(10);
        assertThat(model.topicProperty().get()).isNull();
        robot.interact(() -> assertThat(CutLabels.in(scene)).isEmpty());
    }

    @Test
    void judgeOpensTheJudgingWindowOfTheChosenTopic(FxRobot robot) throws Exception {
        Button judge = robot.lookup("#judgeButton").queryButton();
        assertThat(judge.isDisabled()).as("no topic chosen yet").isTrue();
        robot.clickOn("cameron · What movies were written by James Cameron?");
        assertThat(model.topicProperty().get().topicId()).isEqualTo("cameron");
        assertThat(judge.isDisabled()).isFalse();
        robot.clickOn(judge);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Judge topic cameron")));
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != scene.getWindow()).toList()
                .forEach(Window::hide));
    }
}
