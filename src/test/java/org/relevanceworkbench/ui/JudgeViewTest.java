package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A judging session on the real screen, headless: keys, undo, and resuming after a restart. */
@ExtendWith(ApplicationExtension.class)
class JudgeViewTest {
    private Database db;
    private FxTaskExecutor tasks;
    private Stage stage;
    private Topic topic;
    private Collection mini;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        db = Database.open(Files.createTempDirectory("rw-judge").resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        mini = db.read(c -> new CollectionDao(c).require("trec-mini"));
        topic = db.read(c -> new TopicDao(c).find(mini.id(), "102")).orElseThrow();
        tasks = new FxTaskExecutor();
        stage.setScene(new Scene(JudgeView.load(model()), 1000, 700));
        stage.show();
    }

    private JudgeViewModel model() {
        JudgeViewModel model = new JudgeViewModel(db, tasks);
        model.forTopic("trec-mini", topic);
        model.assessorProperty().set("ann");
        model.candidatesProperty().set("bm25:5");
        return model;
    }

    @AfterEach
    void close() {
        tasks.close();
        db.close();
    }

    private String progress(FxRobot robot) {
        return robot.lookup("#progressLabel").queryAs(Label.class).getText();
    }

    private void waitForProgress(FxRobot robot, String expected) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> expected.equals(progress(robot)));
    }

    private List<Judgment> stored() {
        return db.read(c -> new JudgmentDao(c).list(mini.id(), "102", "og"));
    }

    @Test
    void judgesWithKeysUndoesAndResumesAfterARestart(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#queryLabel").queryAs(Label.class).getText()).isEqualTo("coral reef bleaching");
        robot.clickOn("#startButton");
        waitForProgress(robot, "document 1 of 5 · 0 judged");
        String first = robot.lookup("#docIdLabel").queryAs(Label.class).getText();
        assertThat(first).startsWith("TM102-");

        robot.type(KeyCode.DIGIT2);
        waitForProgress(robot, "document 2 of 5 · 1 judged");
        robot.type(KeyCode.DIGIT0);
        waitForProgress(robot, "document 3 of 5 · 2 judged");
        robot.type(KeyCode.S);
        waitForProgress(robot, "document 4 of 5 · 2 judged");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitForProgress(robot, "document 2 of 5 · 1 judged");
        assertThat(stored()).singleElement().satisfies(j -> {
            assertThat(j.docId()).isEqualTo(first);
            assertThat(j.grade()).isEqualTo(2);
        });

        robot.clickOn("#noteField").write("mentions bleaching but not heat");
        robot.clickOn("#grade1");
        waitForProgress(robot, "document 3 of 5 · 2 judged");
        assertThat(stored()).extracting(Judgment::grade).containsExactlyInAnyOrder(2, 1);
        assertThat(stored()).anyMatch(j -> "mentions bleaching but not heat".equals(j.note()));

        // Restart: a new screen on the same workspace resumes at the first unjudged document.
        robot.interact(() -> {
            try {
                stage.setScene(new Scene(JudgeView.load(model()), 1000, 700));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        robot.clickOn("#startButton");
        waitForProgress(robot, "document 3 of 5 · 2 judged");
        robot.type(KeyCode.LEFT);
        waitForProgress(robot, "document 2 of 5 · 2 judged");
        assertThat(robot.lookup("#ownGradeLabel").queryAs(Label.class).getText()).isEqualTo("your grade: 1 relevant");
    }
}
