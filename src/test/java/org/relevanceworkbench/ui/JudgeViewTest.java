package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.judge.JudgingCondition;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A judging session on the real screen, headless: its layout, keys only, undo, and resuming after a restart. */
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
        db = TestStages.samples(Files.createTempDirectory("rw-judge"));
        mini = db.read(c -> new CollectionDao(c).require("trec-mini"));
        topic = db.read(c -> new TopicDao(c).find(mini.id(), "102")).orElseThrow();
        tasks = new FxTaskExecutor();
        Theme.LIGHT.apply(); // the look the app opens with: its paddings and fonts decide what fits
        stage.setScene(scene());
        stage.sizeToScene(); // the shared primary stage keeps a size an earlier test gave it otherwise
        stage.show();
    }

    /** The judging window's scene as it opens: at its preferred size, which the main window opens it at too. */
    private Scene scene() throws java.io.IOException {
        Scene scene = new Scene(JudgeView.load(model()));
        scene.getStylesheets().setAll(Theme.LIGHT.workbenchStylesheets());
        return scene;
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

    private List<String> cut() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> CutLabels.in(stage.getScene())).get();
    }

    @Test
    void opensAtItsPreferredSizeWithNothingCutAndStaysWholeAtItsMinimum(FxRobot robot) throws Exception {
        assertThat(stage.getWidth()).as("the opening width, as the main window opens it").isEqualTo(1000);
        assertThat(stage.getHeight()).isEqualTo(720);
        assertThat(cut()).as("cut at its opening size").isEmpty();
        robot.interact(() -> stage.getScene().lookup("#startButton").requestFocus());
        robot.type(KeyCode.ENTER);
        waitForProgress(robot, "document 1 of 5 · 0 judged");
        assertThat(cut()).as("cut with a document shown").isEmpty();

        assertThat(stage.getMinWidth()).isEqualTo(JudgeView.MIN_WIDTH);
        assertThat(stage.getMinHeight()).isEqualTo(JudgeView.MIN_HEIGHT);
        robot.interact(() -> {
            stage.setWidth(JudgeView.MIN_WIDTH);
            stage.setHeight(JudgeView.MIN_HEIGHT);
        });
        assertThat(cut()).as("cut at the smallest size the window allows").isEmpty();
    }

    @Test
    void judgesTheWholeQueueWithTheKeyboardAlone(FxRobot robot) throws Exception {
        // The assessor's field has the focus as the window opens: Enter starts, the focus goes to the document.
        robot.type(KeyCode.ENTER);
        waitForProgress(robot, "document 1 of 5 · 0 judged");
        KeyCode[] grades = {KeyCode.DIGIT2, KeyCode.DIGIT0, KeyCode.DIGIT1, KeyCode.DIGIT1, KeyCode.DIGIT0};
        for (int i = 0; i < grades.length; i++) {
            robot.type(grades[i]);
            // after the last, the screen stays on it
            waitForProgress(robot, "document " + Math.min(i + 2, 5) + " of 5 · " + (i + 1) + " judged");
        }
        assertThat(stored()).extracting(Judgment::grade).containsExactlyInAnyOrder(2, 0, 1, 1, 0);
        assertThat(stored()).extracting(Judgment::assessor).containsOnly("ann");
        assertThat(stored()).extracting(Judgment::conditionKind).containsOnly(Judgment.Condition.BLIND);
        assertThat(robot.lookup("#judgeStatusLabel").queryAs(Label.class).getText())
                .isEqualTo("Every document of this queue is judged");
    }

    @Test
    void postEditingByKeyboardEnterKeepsTheModelsLabelAndADigitChangesIt(FxRobot robot) throws Exception {
        db.write(c -> { // made-up p(true) for three documents of topic 102
            Run run = new RunDao(c).create(mini.id(), new Run(0, "followir-og", "followir", "sha256:x", "t", "fp32",
                    2048, "control", "test", null));
            try (RunDao.Inserter rows = new RunDao(c).inserter(run.id())) {
                rows.insert(RunScore.ranked("102", "og", "TM102-01", 1, 0.91));
                rows.insert(RunScore.ranked("102", "og", "TM102-02", 2, 0.12));
                rows.insert(RunScore.ranked("102", "og", "TM102-03", 3, 0.66));
            }
            return null;
        });
        @SuppressWarnings("unchecked")
        ComboBox<JudgingCondition> conditions = robot.lookup("#conditionBox").queryAs(ComboBox.class);
        assertThat(conditions.getItems()).extracting(c -> conditions.getConverter().toString(c))
                .containsExactly("model p(true) shown", "blind", "post-edit model label");
        robot.interact(() -> {
            conditions.setValue(JudgingCondition.POST_EDIT);
            ((javafx.scene.control.TextField) stage.getScene().lookup("#candidatesField")).setText("run:followir-og");
        });
        robot.type(KeyCode.ENTER);
        waitForProgress(robot, "document 1 of 3 · 0 judged");
        assertThat(robot.lookup("#suggestionLabel").queryAs(Label.class).getText())
                .isEqualTo("model label: 1 relevant (p(true) = 0.910); Enter keeps it");
        assertThat(robot.lookup("#grade1").query().getStyleClass()).contains("model-label");
        robot.type(KeyCode.ENTER); // keeps 1
        waitForProgress(robot, "document 2 of 3 · 1 judged");
        robot.type(KeyCode.DIGIT2); // the model said 0
        waitForProgress(robot, "document 3 of 3 · 2 judged");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> stored().size() == 3);
        assertThat(stored()).extracting(Judgment::docId, Judgment::grade, Judgment::conditionKind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("TM102-01", 1, "post-edit"),
                org.assertj.core.groups.Tuple.tuple("TM102-02", 2, "post-edit"),
                org.assertj.core.groups.Tuple.tuple("TM102-03", 1, "post-edit"));
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
                stage.setScene(scene());
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
