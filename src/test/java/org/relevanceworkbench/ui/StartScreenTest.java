package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The screenshot hook: each named screen opens as a person would open it, once the demo has run. */
@ExtendWith(ApplicationExtension.class)
class StartScreenTest {
    private Stage stage;
    private Database db;
    private FxTaskExecutor tasks;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory("rw-start-screen");
        db = Database.open(dir.resolve("ws.db"));
        tasks = new FxTaskExecutor();
        vm = new WorkbenchViewModel(db, tasks);
        TestHost host = new TestHost();
        host.hub = HubSettings.fromEnvironment(Map.of(), dir.resolve("home")).withCache(dir.resolve("hub"));
        TestStages.show(stage, WorkbenchView.load(vm, host), 1280, 820);
        vm.start();
    }

    @AfterEach
    void close() throws Exception {
        TestStages.closeWorkbench(vm, tasks, db);
    }

    @Test
    void namesEveryScreenAndRefusesAnyOther() {
        assertThat(List.of(StartScreen.Screen.values())).extracting(StartScreen.Screen::cliName).containsExactly(
                "comparison", "judging", "server", "model-chooser", "model-download", "evaluate", "attribution");
        assertThat(StartScreen.Screen.parse("model-chooser")).isEqualTo(StartScreen.Screen.MODEL_CHOOSER);
        assertThatThrownBy(() -> StartScreen.Screen.parse("judge")).isInstanceOf(UserException.class)
                .hasMessage("relevance-workbench.screen must be one of comparison, judging, server, model-chooser,"
                        + " model-download, evaluate, attribution, not 'judge'");
        assertThat(StartScreen.requested()).as("not set in tests").isEmpty();
    }

    @Test
    void opensEachScreenOverTheDemoOnceItHasRun(FxRobot robot) throws Exception {
        AtomicReference<Window> opened = new AtomicReference<>();
        robot.interact(() -> {
            vm.jamesCameronDemo();
            StartScreen.openWhenReady(StartScreen.Screen.JUDGING, stage, vm, true, opened::set);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> opened.get() != null);
        assertThat(vm.scoring().runStatusProperty().get()).as("the demo's run came first").startsWith("Done");
        Scene judging = opened.get().getScene();
        assertThat(((Stage) opened.get()).getTitle()).startsWith("Judge topic cameron");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ((Label) judging.lookup("#progressLabel")).getText()
                .startsWith("document 1 of "));
        closeAllButTheMainWindow(robot);

        assertThat(openNow(robot, StartScreen.Screen.SERVER).getScene().lookup("#serverUrls")).isNotNull();
        assertThat(openNow(robot, StartScreen.Screen.MODEL_CHOOSER).getScene().lookup("#chooserTable")).isNotNull();
        // model-download opens through its menu item as these do; its check of the hub is XvfbScreenshotIT's
        assertThat(((Stage) openNow(robot, StartScreen.Screen.EVALUATE)).getTitle()).isEqualTo("Evaluate james-cameron");
        assertThat(openNow(robot, StartScreen.Screen.COMPARISON)).isSameAs(stage);

        // The attribution tab is shown once it has run: its heat map is the picture.
        AtomicReference<Window> attributed = new AtomicReference<>();
        robot.interact(() -> StartScreen.openWhenReady(StartScreen.Screen.ATTRIBUTION, stage, vm, true,
                attributed::set));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> attributed.get() != null);
        assertThat(attributed.get()).isSameAs(stage);
        TabPane tabs = (TabPane) stage.getScene().lookup(".tab-pane");
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Attribution");
        assertThat(vm.attribution().heatMapProperty().get()).isNotNull();
        assertThat(vm.attribution().runningProperty().get()).isFalse();
    }

    private Window openNow(FxRobot robot, StartScreen.Screen screen) throws Exception {
        Window window = WaitForAsyncUtils.asyncFx(() -> StartScreen.open(screen, stage)).get();
        if (window != stage) {
            closeAllButTheMainWindow(robot);
        }
        return window;
    }

    private void closeAllButTheMainWindow(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != stage).forEach(Window::hide));
    }
}
