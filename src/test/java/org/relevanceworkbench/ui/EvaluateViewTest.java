package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Model ▸ Evaluate collection… on the real window, headless: plan, run, FollowIR's row, the output folder. */
@ExtendWith(ApplicationExtension.class)
class EvaluateViewTest {
    private Path dir;
    private Database db;
    private FxTaskExecutor tasks;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("rw-evaluate");
        db = TestStages.samples(dir);
        tasks = new FxTaskExecutor();
        vm = new WorkbenchViewModel(db, tasks);
        TestStages.show(stage, WorkbenchView.load(vm, new TestHost()), 1200, 760);
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        TestStages.closeWorkbench(vm, tasks, db);
    }

    @Test
    void evaluatesTheSelectedCollectionAndWritesTheFolder(FxRobot robot) throws Exception {
        ListView<CollectionStats> collections = robot.lookup("#collectionList").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> collections.getItems().size() == 2);
        robot.interact(() -> collections.getSelectionModel().select(1)); // trec-mini
        robot.clickOn("Model").clickOn("Evaluate collection…");
        Label plan = robot.lookup("#evaluatePlan").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> plan.getText().equals("10 topics, 866 pairs"));
        Scene dialog = plan.getScene();
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(dialog)).get()).as("cut at its opening size, planned")
                .isEmpty();
        robot.clickOn("#evaluateCandidates").write("bm25:5");
        robot.clickOn("#evaluateRun");
        Label result = robot.lookup("#evaluateResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> result.getText().startsWith("p-MRR"));
        assertThat(result.getText()).contains("10 topics, 100 pairs");
        ListView<String> lines = robot.lookup("#evaluateTopicLines").queryListView();
        assertThat(lines.getItems()).hasSize(10);
        Path out = dir.resolve("evaluate-trec-mini");
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("og.run")).exists();
        assertThat(robot.lookup("#evaluateStatus").queryAs(Label.class).getText()).isEqualTo("Wrote " + out);
        assertThat(vm.scoring().runningProperty().get()).isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(dialog)).get()).as("cut once run").isEmpty();
        robot.clickOn("#evaluateClose");
    }
}
