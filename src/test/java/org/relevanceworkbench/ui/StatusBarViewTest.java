package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status bar and the run bar on their own, headless: what the scorer is, the workspace, an import, Run. */
@ExtendWith(ApplicationExtension.class)
class StatusBarViewTest {
    @TempDir
    Path dir;
    private Database db;
    private WorkspaceViewModel workspace;
    private ScoringViewModel scoring;
    private ImportViewModel imports;
    private FxTaskExecutor background;
    private final List<Throwable> failures = new ArrayList<>();
    private final List<String> runs = new ArrayList<>();
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        db = TestStages.samples(dir); // loaded here, not by start(): its progress would reach the labels off the FX thread
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        workspace = new WorkspaceViewModel(db, tasks);
        scoring = new ScoringViewModel(db, tasks, failures::add);
        background = new FxTaskExecutor(); // an import reports progress from its own thread
        imports = new ImportViewModel(db, background, workspace::refresh, failures::add);
        javafx.scene.layout.VBox both = new javafx.scene.layout.VBox(
                RunBarView.load(scoring, () -> runs.add("run"), workspace.topicProperty().isNull()),
                StatusBarView.load(new StatusBarViewModel(scoring, workspace, imports)));
        scene = TestStages.show(stage, both, 1400, 120);
        workspace.start();
    }

    @AfterEach
    void close() {
        scoring.close();
        background.close();
        db.close();
    }

    @Test
    void theBarsSayWhatScoresAndWhatTheWorkspaceHolds(FxRobot robot) {
        assertThat(robot.lookup("#modelStatus").queryAs(Label.class).getText()).isEqualTo(scoring.modelStatusProperty().get())
                .isNotBlank();
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText()).isEqualTo("2 collections in ws.db");
        assertThat(robot.lookup("#cancelModelButton").queryButton().isVisible()).as("nothing loading").isFalse();
        assertThat(robot.lookup("#cancelImportButton").queryButton().isVisible()).as("nothing importing").isFalse();
        robot.interact(() -> assertThat(CutLabels.in(scene)).isEmpty());
    }

    @Test
    void runWaitsForATopicAndThenRuns(FxRobot robot) {
        Button run = robot.lookup("#runButton").queryButton();
        assertThat(run.isDisabled()).isTrue();
        assertThat(robot.lookup("#cancelRunButton").queryButton().isDisabled()).as("no run to cancel").isTrue();
        robot.interact(() -> workspace.topicProperty().set(workspace.topics().get(0)));
        assertThat(run.isDisabled()).isFalse();
        robot.clickOn(run);
        assertThat(runs).containsExactly("run");
        robot.clickOn("#candidatesField").write("bm25:10");
        assertThat(scoring.candidatesProperty().get()).endsWith("bm25:10");
    }

    @Test
    void aLongRunStatusWrapsInsteadOfBeingCut(FxRobot robot) {
        robot.interact(() -> scoring.runStatusProperty().set("Attributed variant 'og' of topic cameron: Done: 80 pairs"
                + " (0 from the cache, 80 scored) in 0.1 s; and a second sentence that a narrow window cannot hold"));
        robot.interact(() -> scene.getWindow().setWidth(900));
        robot.interact(() -> assertThat(CutLabels.in(scene)).isEmpty());
    }

    @Test
    void anImportEndsWithItsSummaryInTheStatusBar(FxRobot robot) throws Exception {
        Path docs = write(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"one\"}\n");
        robot.interact(() -> imports.importFiles(RecordKind.DOCUMENTS, List.of(docs), "new"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> imports.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#importStatus").queryAs(Label.class).getText())
                .isEqualTo(docs + ": 1 documents imported");
        assertThat(robot.lookup("#statusLabel").queryAs(Label.class).getText()).isEqualTo("3 collections in ws.db");
        assertThat(imports.reportProperty().get().failed()).isFalse();
        assertThat(failures).isEmpty();
    }
}
