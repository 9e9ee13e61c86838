package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The query and variants editor on its own, headless, on the James Cameron topic: edits are stored as they are made. */
@ExtendWith(ApplicationExtension.class)
class VariantsEditorViewTest {
    @TempDir
    Path dir;
    private Database db;
    private VariantsEditorViewModel model;
    private Collection cameron;
    private final List<Throwable> failures = new ArrayList<>();
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        db = TestStages.samples(dir);
        cameron = db.read(c -> new CollectionDao(c).require("james-cameron"));
        model = new VariantsEditorViewModel(db, new CurrentThreadTaskExecutor(), failures::add);
        scene = TestStages.show(stage, VariantsEditorView.load(model), 900, 320);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Topic stored() {
        return db.read(c -> new TopicDao(c).list(cameron.id())).get(0);
    }

    @Test
    void withoutATopicNothingCanBeEdited(FxRobot robot) {
        for (String id : List.of("#addVariantButton", "#duplicateVariantButton", "#renameVariantButton",
                "#deleteVariantButton", "#upButton", "#downButton")) {
            assertThat(robot.lookup(id).queryAs(Button.class).isDisabled()).as(id).isTrue();
        }
        robot.interact(() -> assertThat(CutLabels.in(scene)).isEmpty());
    }

    @Test
    void aVariantAddedAndWrittenIsStoredAndDiffedAgainstTheBaseline(FxRobot robot) {
        robot.interact(() -> model.open(cameron, stored()));
        ListView<VariantsEditorViewModel.Item> variants = robot.lookup("#variantList").queryListView();
        assertThat(variants.getItems()).extracting(VariantsEditorViewModel.Item::name).containsExactly("og", "changed");
        robot.clickOn("#addVariantButton");
        assertThat(variants.getItems()).extracting(VariantsEditorViewModel.Item::name)
                .containsExactly("og", "changed", "variant-2");
        assertThat(variants.getSelectionModel().getSelectedItem().name()).isEqualTo("variant-2");
        robot.clickOn("#instructionArea").write("Only sequels are relevant.");
        robot.clickOn("#queryField"); // leaving the instruction stores it
        assertThat(stored().variants()).extracting(v -> v.name() + ": " + v.instruction())
                .contains("variant-2: Only sequels are relevant.");
        TextFlow diff = robot.lookup("#diffFlow").queryAs(TextFlow.class);
        assertThat(diff.getChildren()).filteredOn(n -> n.getStyleClass().contains("diff-added"))
                .extracting(n -> ((Text) n).getText()).anyMatch(t -> t.contains("sequels"));
        robot.clickOn("#queryField").type(KeyCode.END).write(" Only films.");
        robot.clickOn("#instructionArea"); // leaving the query stores it too
        assertThat(stored().query()).isEqualTo("What movies were written by James Cameron? Only films.");
        assertThat(failures).isEmpty();
    }
}
