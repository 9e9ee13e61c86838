package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.remote.Golden;
import org.relevanceworkbench.remote.VllmServer;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Model ▸ Connect to server… on the real window, headless: type an in-process vLLM's URL, Test,
 * Connect, and the James Cameron demo scores on it; approximate scores read ≈ in the table.
 */
@ExtendWith(ApplicationExtension.class)
class ServerConnectViewTest {
    static final String MODEL_ID = "jhu-clsp/FollowIR-7B";
    @TempDir
    static Path shared;
    static FollowIrScorer local;
    static Path tokenizer;

    private Database db;
    private FxTaskExecutor tasks;
    private WorkbenchViewModel vm;
    private TestHost host;

    @BeforeAll
    static void loadTheServersModel() throws Exception {
        local = Golden.localScorer();
        tokenizer = Golden.tokenizerOnly(shared);
    }

    @AfterAll
    static void closeTheServersModel() {
        local.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("rw-server");
        db = TestStages.samples(dir);
        tasks = new FxTaskExecutor();
        vm = new WorkbenchViewModel(db, tasks);
        host = new TestHost();
        host.preferences.modelFolder(tokenizer); // the remembered model folder: the dialog's tokenizer folder
        TestStages.show(stage, WorkbenchView.load(vm, host), 1200, 760);
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        TestStages.closeWorkbench(vm, tasks, db);
    }

    private VllmServer server(boolean pooling) {
        return new VllmServer(Golden.backend(local), MODEL_ID, pooling, local.tokenizer().trueId(),
                local.tokenizer().falseId());
    }

    private void runTheDemo(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("James Cameron demo");
        TableView<ComparisonRow> table = robot.lookup("#comparisonTable").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.scoring().runningProperty().get()
                && vm.scoring().runStatusProperty().get().startsWith("Done"));
        // The comparison refreshes at most four times a second: the last batch shows a moment later.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 40 && table.getItems()
                .stream().allMatch(r -> r.score("og") != null && r.score("changed") != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void connectsFromTheModelMenuAndTheDemoScoresOnTheServer(FxRobot robot) throws Exception {
        try (VllmServer server = server(true)) {
            robot.clickOn("Model").clickOn("Connect to server…");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#serverUrls").tryQuery().isPresent());
            assertThat(robot.lookup("#serverTokenizer").queryTextInputControl().getText())
                    .isEqualTo(tokenizer.toAbsolutePath().toString());
            Scene dialog = robot.lookup("#serverUrls").query().getScene();
            assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(dialog)).get()).as("cut at its opening size")
                    .isEmpty();
            assertThat(robot.lookup("#serverEngine").queryAs(javafx.scene.control.ChoiceBox.class).getValue())
                    .hasToString("AUTO");
            robot.clickOn("#serverUrls").write(server.url().toString());
            robot.clickOn("#serverTest");
            ListView<String> checks = robot.lookup("#serverChecks").queryListView();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> checks.getItems().size() == 1);
            assertThat(checks.getItems().get(0)).startsWith("✓ " + server.url() + " vLLM 0.11.0 · " + MODEL_ID
                    + " · max 4096 · ");
            assertThat(vm.scoring().scorerProperty().get()).as("Test connects nothing").isNull();
            assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(dialog)).get()).as("cut once tested").isEmpty();

            robot.clickOn("#serverConnect");
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#serverUrls").tryQuery().isEmpty());
            Label status = robot.lookup("#modelStatus").queryAs(Label.class);
            String described = "vLLM 0.11.0 · " + MODEL_ID + " · 1 server";
            assertThat(status.getText()).isEqualTo(described);

            runTheDemo(robot);
            TableView<ComparisonRow> table = robot.lookup("#comparisonTable").queryTableView();
            assertThat(table.getItems()).allSatisfy(r -> {
                assertThat(r.score("og")).isBetween(0.0, 1.0);
                assertThat(r.score("changed")).isBetween(0.0, 1.0);
            });
            assertThat(table.getVisibleLeafColumns()).filteredOn(c -> c.getId().startsWith("score-"))
                    .extracting(c -> c.getId() + " " + c.getText()).containsExactly("score-og p", "score-changed p");
            assertThat(robot.lookup("#bannerLabel").queryAs(Label.class).isVisible()).as("no BM25 banner").isFalse();
            assertThat(server.scoringRequests.get()).isPositive();
            assertThat(status.getText()).isEqualTo(described);
            assertThat(status.getTooltip()).isNotNull();
            assertThat(status.getTooltip().getText()).startsWith(server.url() + " · active · ")
                    .contains(" · 80 prompts · 0 failures · in flight ");
            assertThat(host.preferences.serverUrls()).containsExactly(server.url().toString());
        }
    }

    @Test
    void approximateScoresReadAsSuchInTheTableAndTheSummary(FxRobot robot) throws Exception {
        Map<Integer, Double> crowd = new HashMap<>();
        for (int id = 100; id < 125; id++) {
            crowd.put(id, 30.0 + id / 100.0); // far above both labels: neither is in the top 20
        }
        try (VllmServer generative = server(false)) {
            generative.otherTokens = crowd;
            robot.interact(() -> {
                ServerConnectViewModel dialog = vm.serverConnect(host.preferences());
                dialog.urlsProperty().set(generative.url().toString());
                dialog.connect();
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.scoring().scorerProperty().get() != null);
            runTheDemo(robot);
            Set<javafx.scene.Node> cells = robot.lookup(".score-cell.approximate").queryAll();
            assertThat(cells).isNotEmpty().allSatisfy(node -> {
                TableCell<?, ?> cell = (TableCell<?, ?>) node;
                assertThat(cell.getText()).startsWith("≈");
                assertThat(cell.getTooltip().getText()).isEqualTo("approximate: p in [0.0000, 1.0000]");
            });
            assertThat(robot.lookup("#summaryLabel").queryAs(Label.class).getText())
                    .contains("; 80 of 80 scores approximate");
        }
    }
}
