package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.hub.DownloadRequest;
import org.relevanceworkbench.hub.HubServer;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.LocalModel;
import org.relevanceworkbench.hub.RepoId;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Model ▸ Download… and Model ▸ Choose model… on the real window, headless, from the menu: a download from the
 * loopback hub into a temporary cache that loads the model, and the chooser listing a cache, handing a tokenizer-only
 * folder to Connect to server… and loading the other.
 */
@ExtendWith(ApplicationExtension.class)
class ModelDialogsViewTest {
    static final String COMMIT = "1111111111111111111111111111111111111111";
    static HubServer server;
    static HubServer.Repo followir;
    static Path golden;

    private Path dir;
    private Path cache;
    private Database db;
    private FxTaskExecutor tasks;
    private WorkbenchViewModel vm;
    private TestHost host;

    @BeforeAll
    static void startHub() throws Exception {
        golden = Path.of(ModelDialogsViewTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        server = new HubServer();
        followir = server.add(new HubServer.Repo(DownloadRequest.FOLLOWIR).commit(
                HubServer.randomCommit(new Random(5)), HubServer.tinyCheckpoint(golden, false), "main"));
    }

    @AfterAll
    static void stopHub() {
        server.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("rw-model-dialogs");
        cache = dir.resolve("hub");
        db = Database.open(dir.resolve("ws.db"));
        tasks = new FxTaskExecutor();
        vm = new WorkbenchViewModel(db, tasks);
        host = new TestHost();
        host.hub = HubSettings.fromEnvironment(Map.of(), dir.resolve("home")).withCache(cache)
                .withEndpoint(server.endpoint());
        TestStages.show(stage, WorkbenchView.load(vm, host), 1200, 760);
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        vm.cancel();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.scoring().loadingProperty().get());
        vm.close();
        tasks.close();
        db.close();
    }

    @Test
    void downloadShowsThePlanThenFetchesFollowIrIntoTheCacheAndLoadsIt(FxRobot robot) throws Exception {
        robot.clickOn("Model").clickOn("Download…");
        Label plan = robot.lookup("#downloadPlan").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> plan.getText().startsWith("jhu-clsp/FollowIR-7B at "));
        assertThat(plan.getText()).contains(": 6 files, 10.2 MB; 0 already complete; 10.2 MB to fetch, ");
        assertThat(robot.lookup("#downloadRepo").queryAs(TextField.class).getText()).isEqualTo("jhu-clsp/FollowIR-7B");
        Scene dialog = plan.getScene();
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(dialog)).get()).as("cut at its opening size, planned")
                .isEmpty();

        robot.clickOn("#downloadStart");
        Label status = robot.lookup("#downloadStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().startsWith("Done:"));
        ListView<String> lines = robot.lookup("#downloadLines").queryListView();
        assertThat(lines.getItems()).hasSize(6).last().isEqualTo("model.safetensors: 8.4 MB, verified");
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(dialog)).get()).as("cut once done").isEmpty();
        Path snapshot = cache.resolve(new RepoId(followir.id).folderName()).resolve("snapshots")
                .resolve(followir.main());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.scoring().modelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(host.preferences.recentModelFolders()).first().isEqualTo(snapshot);
        assertThat(robot.lookup("#bannerLabel").queryAs(Label.class).getText()).isEmpty();
        robot.clickOn("#downloadClose");
    }

    @Test
    void chooseModelListsTheCacheHandsATokenizerFolderToTheServerDialogAndLoadsAModel(FxRobot robot)
            throws Exception {
        Path snapshot = snapshot("models--jhu-clsp--FollowIR-7B", List.of("config.json", "generation_config.json",
                "model.safetensors", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json"));
        Path tokenizerOnly = snapshot("models--mistralai--Mistral-7B-Instruct-v0.2", List.of("config.json",
                "tokenizer.json", "tokenizer_config.json"));

        robot.clickOn("Model").clickOn("Choose model…");
        TableView<LocalModel> table = robot.lookup("#chooserTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(robot.lookup("#chooserStatus").queryAs(Label.class).getText())
                .isEqualTo("2 models in the Hugging Face cache");
        Scene chooser = table.getScene();
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(chooser)).get()).as("cut at its opening size, listed")
                .isEmpty();
        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#chooserChoose");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#serverTokenizer").tryQuery().isPresent());
        assertThat(robot.lookup("#serverTokenizer").queryAs(TextField.class).getText())
                .isEqualTo(tokenizerOnly.toString());
        assertThat(robot.lookup("#chooserTable").tryQuery()).as("the chooser closed").isEmpty();
        robot.clickOn("#serverCancel");

        robot.clickOn("Model").clickOn("Choose model…");
        TableView<LocalModel> again = robot.lookup("#chooserTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> again.getItems().size() == 2);
        assertThat(again.getSelectionModel().getSelectedItem().folder()).isEqualTo(snapshot);
        robot.clickOn("#chooserChoose");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.scoring().modelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chooserTable").tryQuery()).isEmpty();
        assertThat(host.preferences.recentModelFolders()).containsExactly(snapshot);
    }

    /** A snapshot of the cache made by hand: copies of the golden files, refs/main naming it. */
    private Path snapshot(String repo, List<String> files) throws IOException {
        Path folder = cache.resolve(repo).resolve("snapshots").resolve(COMMIT);
        Files.createDirectories(folder);
        for (String name : files) {
            Files.copy(golden.resolve(name), folder.resolve(name));
        }
        Files.createDirectories(cache.resolve(repo).resolve("refs"));
        Files.writeString(cache.resolve(repo).resolve("refs").resolve("main"), COMMIT);
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.count()).isEqualTo(files.size());
        }
        return folder;
    }
}
