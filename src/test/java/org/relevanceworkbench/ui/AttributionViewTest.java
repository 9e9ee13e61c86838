package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Attribution tab in the real window, headless: split a clause, run, click a cell, occlude words, what-if, PNG. */
@ExtendWith(ApplicationExtension.class)
class AttributionViewTest {
    private Path dir;
    private Database db;
    private FxTaskExecutor tasks;
    private WorkbenchViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("rw-attribution");
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

    private HeatMapView heatMap(FxRobot robot) {
        return robot.lookup("#heatMap").queryAs(HeatMapView.class);
    }

    /** Where a cell's centre is on the screen. */
    private static Point2D cell(HeatMapView view, int row, int column) {
        HeatMapLayout l = view.geometry();
        return view.canvas().localToScreen(l.cellX(column) + l.cell() / 2, l.rowY(row) + HeatMapLayout.ROW / 2);
    }

    private static Point2D header(HeatMapView view, int column) {
        HeatMapLayout l = view.geometry();
        return view.canvas().localToScreen(l.cellX(column) + l.cell() / 2, HeatMapLayout.HEADER / 2);
    }

    private static Text word(FxRobot robot, String clause, String word) {
        TextFlow flow = robot.lookup("#" + clause).queryAs(TextFlow.class);
        return flow.getChildren().stream().filter(n -> n instanceof Text t && t.getText().equals(word))
                .map(n -> (Text) n).findFirst().orElseThrow();
    }

    @Test
    void onTheDemoItSplitsAClauseRunsShowsTheClauseStruckThroughAndOccludesWords(FxRobot robot) throws Exception {
        Path tiny = Path.of(getClass().getResource("/followir-golden/tiny-bf16").toURI());
        robot.interact(() -> vm.scoring().loadModel(tiny, ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.scoring().modelProperty().get() != null);
        robot.clickOn("Help").clickOn("James Cameron demo");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.topicProperty().get() != null
                && !vm.scoring().runningProperty().get() && vm.scoring().runStatusProperty().get().startsWith("Done"));

        robot.clickOn("Attribution");
        Label cost = robot.lookup("#attributionCost").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cost.getText().contains("80 pairs: 40 in the cache"));
        assertThat(robot.lookup("#attributionTitle").queryAs(Label.class).getText())
                .isEqualTo("Variant 'og' of topic cameron");
        assertThat(cost.getText()).contains("40 to score, about ").contains("docs/s"); // the demo's run gave a rate
        Scene window = cost.getScene();
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(window)).get()).as("cut at its opening size, planned")
                .isEmpty();

        robot.clickOn(word(robot, "clause1", "only")); // split before "only"
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cost.getText().startsWith("2 clauses × 40 candidates"));
        assertThat(vm.attribution().clausesProperty().get().texts()).containsExactly(
                "A relevant document would describe a movie that was written by James Cameron",
                "only and not with anyone else");
        assertThat(robot.lookup("#attributionSplit").queryAs(Label.class).getText()).isEqualTo("edited");

        robot.clickOn("#attributionRun");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.attribution().heatMapProperty().get() != null
                && !vm.attribution().runningProperty().get());
        HeatMapView view = heatMap(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.getMap() != null && view.geometry().cell() > 0);
        assertThat(view.getMap().columnCount()).isEqualTo(3);
        assertThat(robot.lookup("#heatMapPlaceholder").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#attributionStatus").queryAs(Label.class).getText()).startsWith("Done: 160 pairs");

        // Hovering a cell names it; clicking it shows the document with clause 2 struck through.
        String doc = view.getMap().row(2).docId();
        robot.moveTo(cell(view, 2, 1));
        assertThat(view.tooltipText(view.geometry().hit(view.geometry().cellX(1) + 3,
                view.geometry().rowY(2) + 3))).startsWith(doc + " · without clause 2");
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> doc.equals(vm.attribution().selectedDocProperty().get()));
        assertThat(vm.attribution().selectedColumnProperty().get()).isEqualTo(1);
        TextFlow instruction = robot.lookup("#attributionInstruction").queryAs(TextFlow.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !instruction.getChildren().isEmpty());
        List<Text> struck = instruction.getChildren().stream().map(n -> (Text) n).filter(Text::isStrikethrough)
                .toList();
        assertThat(struck).extracting(Text::getText).containsExactly("only and not with anyone else");
        assertThat(instruction.getChildren().stream().map(n -> (Text) n).filter(t -> !t.isStrikethrough())
                .map(Text::getText)).contains("A relevant document would describe a movie that was written by James"
                        + " Cameron");
        assertThat(robot.lookup("#attributionPreviewTitle").queryAs(Label.class).getText()).startsWith(doc);
        TextFlow text = robot.lookup("#attributionPreviewText").queryAs(TextFlow.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text.getChildren().isEmpty()
                && !((Text) text.getChildren().get(0)).getText().isEmpty());

        // A header click sorts by that clause, Δ lowest first.
        robot.clickOn(header(view, 0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.getMap().sort().column() == 0);
        List<Double> deltas = java.util.stream.IntStream.range(0, 40).mapToObj(r -> view.getMap().delta(r, 0)).toList();
        assertThat(deltas).isSorted();

        // Word occlusion of the selected document: 19 coloured words and their ranking.
        robot.clickOn("#attributionWords");
        FlowPane words = robot.lookup("#attributionWordFlow").queryAs(FlowPane.class);
        ListView<String> ranked = robot.lookup("#attributionRankedWords").queryListView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> words.getChildren().size() == 19
                && ranked.getItems().size() == 19 && !vm.attribution().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Label first = (Label) words.getChildren().get(0);
        assertThat(first.getText()).isEqualTo("A");
        assertThat(first.getStyle()).startsWith("-fx-background-color: #");
        assertThat(first.getTooltip().getText()).startsWith("word 1 “A”: Δp ");
        assertThat(ranked.getItems()).hasSize(19);
        assertThat(robot.lookup("#attributionWordsStatus").queryAs(Label.class).getText())
                .startsWith("19 words of " + doc);
        // The tab's own labels; the main window's run status above it (WorkbenchView) is not the tab's.
        javafx.scene.Parent content = cost.getParent(); // AttributionView.fxml's root
        assertThat(WaitForAsyncUtils.asyncFx(() -> CutLabels.in(content)).get()).as("cut once run").isEmpty();

        // The heat map as a PNG, drawn at 2× off-screen and written by the view model.
        Path png = dir.resolve("heatmap.png");
        robot.interact(() -> AttributionView.writePng(vm.attribution(), view.getMap(), png));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(2 * 560);
        assertThat(image.getHeight()).isGreaterThan(2 * (int) HeatMapLayout.naturalHeight(40, 3));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("a heat map, not a blank").isGreaterThan(50);
    }

    @Test
    void onATrecMiniTopicAHeaderBecomesAVariantAndAHundredByTwelveStaysOneCanvas(FxRobot robot) throws Exception {
        ListView<?> collections = robot.lookup("#collectionList").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> collections.getItems().size() == 2);
        robot.interact(() -> collections.getSelectionModel().select(1)); // trec-mini
        ListView<Topic> topics = robot.lookup("#topicList").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> topics.getItems().size() == 10);
        robot.interact(() -> topics.getSelectionModel().select(3)); // 104 honeybee colony losses
        ListView<VariantsEditorViewModel.Item> variants = robot.lookup("#variantList").queryListView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> variants.getItems().size() == 2);
        robot.interact(() -> variants.getSelectionModel().select(1)); // changed
        robot.clickOn("Attribution");
        robot.doubleClickOn("#attributionCandidates").write("bm25:12").type(KeyCode.ENTER);
        Label cost = robot.lookup("#attributionCost").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cost.getText().contains("× 12 candidates (BM25"));
        robot.clickOn("#attributionRun");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.attribution().heatMapProperty().get() != null
                && !vm.attribution().runningProperty().get());
        HeatMapView view = heatMap(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.getMap() != null);
        int clauses = vm.attribution().clausesProperty().get().size();
        assertThat(view.getMap().rows()).isEqualTo(12);
        assertThat(view.getMap().summaries()).contains(AttributionHeatMap.Summary.P_MRR);

        // Right-click on clause 2's header: make "without clause 2" a variant; the editor lists it.
        robot.rightClickOn(header(view, 1));
        robot.clickOn("Make variant: without clause 2…");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER); // the suggested name
        Label status = robot.lookup("#attributionStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> variants.getItems().size() == 3
                && status.getText().startsWith("Made variant 'changed-without-2'"));
        assertThat(variants.getItems().get(2).name()).isEqualTo("changed-without-2");
        assertThat(variants.getItems().get(2).instruction())
                .isEqualTo(vm.attribution().clausesProperty().get().without(1));
        assertThat(view.getMap()).as("the attributed variant stays selected, and so does its heat map").isNotNull();

        // 100 documents × 12 clauses: one Canvas (no node per cell), redrawn in view only.
        AttributionHeatMap big = AttributionHeatMap.of(AttributionHeatMapTest.synthetic(100, 12, 7), true);
        int nodesBefore = view.getChildrenUnmodifiable().size();
        robot.interact(() -> vm.attribution().heatMapProperty().set(big));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.getMap()).isSameAs(big);
        assertThat(view.getChildrenUnmodifiable()).hasSize(nodesBefore);
        assertThat(view.geometry().lastRow() - view.geometry().firstRow() + 1).as("rows drawn")
                .isLessThan(100);
        long[] nanos = new long[1];
        robot.interact(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                view.draw();
            }
            nanos[0] = System.nanoTime() - start;
        });
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();
        javafx.animation.AnimationTimer pulses = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                long previous = last.getAndSet(now);
                if (previous != 0) {
                    longest.accumulateAndGet(now - previous, Math::max);
                }
            }
        };
        robot.interact(pulses::start);
        robot.moveTo(cell(view, 3, 5));
        for (int i = 0; i < 10; i++) { // across cells: each move redraws the hover outline and sets a tooltip
            robot.moveBy(HeatMapLayout.MIN_CELL / 2, HeatMapLayout.ROW / 2);
        }
        for (int i = 0; i < 5; i++) {
            robot.scroll(2, javafx.geometry.VerticalDirection.UP);
        }
        robot.interact(pulses::stop);
        System.out.printf(Locale.US, "AttributionViewTest: longest gap between FX pulses while hovering and scrolling"
                + " a 100 x 12 heat map: %.0f ms%n", longest.get() / 1e6);
        robot.interact(() -> vm.attribution().select(big.row(50).docId(), 4));
        WaitForAsyncUtils.waitForFxEvents();
        double scrolled = view.geometry().scrollY();
        assertThat(scrolled).as("selecting a cell scrolls it into view").isPositive();
        assertThat(view.geometry().firstRow()).isLessThanOrEqualTo(50);
        assertThat(view.geometry().lastRow()).isGreaterThanOrEqualTo(50);
        robot.moveTo(cell(view, 50, 5));
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.geometry().scrollY()).as("the wheel scrolls the rows").isNotEqualTo(scrolled);
        System.out.printf(Locale.US, "AttributionViewTest: a 100 x 12 heat map redraws in %.1f ms (mean of 50)%n",
                nanos[0] / 50 / 1e6);
        assertThat(clauses).isGreaterThan(2);
    }
}
