package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Database;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare tab on its own, headless: three variants of twelve documents, sorted, re-paired, hidden, selected. */
@ExtendWith(ApplicationExtension.class)
class ComparisonViewTest {
    @TempDir
    Path dir;
    private Database db;
    private ComparisonViewModel model;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        db = Database.open(dir.resolve("ws.db"));
        model = new ComparisonViewModel(db, new CurrentThreadTaskExecutor(), e -> {
            throw new AssertionError(e);
        });
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("og", "");
        variants.put("changed", "Only documents about reefs are relevant.");
        variants.put("strict", "Only documents about Caribbean reefs are relevant.");
        model.open(-1, "t", "coral reefs", variants);
        for (String variant : variants.keySet()) {
            List<CachedScore> scores = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                double p = switch (variant) { // og rises with i, changed falls, strict alternates
                    case "og" -> i / 12.0;
                    case "changed" -> 1 - i / 12.0;
                    default -> i % 2 == 0 ? 0.9 : 0.1;
                };
                scores.add(new CachedScore(String.format("d%02d", i), p, 0, 0, 10, false));
            }
            model.addScores(variant, scores, Map.of());
        }
        scene = TestStages.show(stage, ComparisonView.load(model), 1100, 600); // its width in a 1400 × 900 window
    }

    @AfterEach
    void close() {
        db.close();
    }

    private TableView<ComparisonRow> table(FxRobot robot) {
        return robot.lookup("#comparisonTable").queryTableView();
    }

    private static TableColumn<ComparisonRow, ?> leaf(TableView<ComparisonRow> table, String id) {
        return table.getVisibleLeafColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    @Test
    void columnsArePAndRankPerVariantThenDeltaAndRankChangeFromAToB(FxRobot robot) {
        TableView<ComparisonRow> table = table(robot);
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .containsExactly("Document", "Title / snippet", "og", "changed", "strict", "og → changed");
        assertThat(table.getVisibleLeafColumns()).extracting(TableColumn::getText).containsExactly(
                "Document", "Title / snippet", "p", "rank", "p", "rank", "p", "rank", "Δp", "rank");
        assertThat(table.isTableMenuButtonVisible()).as("columns can be hidden from the table's menu").isTrue();
        assertThat(CutLabels.in(scene)).isEmpty();
    }

    @Test
    void theSortByDeltaSurvivesAChangeOfBAndAHiddenColumnStaysHidden(FxRobot robot) {
        TableView<ComparisonRow> table = table(robot);
        robot.clickOn(WorkbenchViewTest.header(robot, "delta"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSortOrder()).extracting(TableColumn::getId).containsExactly("delta");
        assertThat(table.getItems()).extracting(r -> r.delta("og", "changed")).isSorted();
        robot.interact(() -> leaf(table, "title").setVisible(false));

        robot.interact(() -> model.variantBProperty().set("strict"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getColumns()).extracting(TableColumn::getText).endsWith("og → strict");
        assertThat(table.getSortOrder()).as("the sort after B changed").extracting(TableColumn::getId)
                .containsExactly("delta");
        assertThat(table.getItems()).extracting(r -> r.delta("og", "strict")).isSorted();
        assertThat(table.getVisibleLeafColumns()).extracting(TableColumn::getId).doesNotContain("title");

        robot.interact(() -> model.variantAProperty().set("changed"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getSortOrder()).extracting(TableColumn::getId).containsExactly("delta");
        assertThat(table.getItems()).extracting(r -> r.delta("changed", "strict")).isSorted();
    }

    @Test
    void theSelectedRowIsRingedInTheScatterAndShownBelowIt(FxRobot robot) {
        TableView<ComparisonRow> table = table(robot);
        ScatterPlot scatter = robot.lookup("#scatter").queryAs(ScatterPlot.class);
        assertThat(scatter.selected()).isNull();
        robot.interact(() -> table.getSelectionModel().select(3));
        String doc = table.getItems().get(3).docId();
        assertThat(scatter.selected()).isEqualTo(doc);
        assertThat(model.selectedProperty().get().docId()).isEqualTo(doc);
        robot.interact(() -> model.select("d07"));
        assertThat(table.getSelectionModel().getSelectedItem().docId()).isEqualTo("d07");
        assertThat(scatter.selected()).isEqualTo("d07");
    }

    @Test
    void aLongTextCellCarriesItsTextAsTooltipAndKeepsOneTooltipAcrossResorts(FxRobot robot) {
        TableView<ComparisonRow> table = table(robot);
        Map<TableCell<?, ?>, Tooltip> before = new HashMap<>();
        for (TableCell<?, ?> cell : robot.lookup(".long-text").queryAllAs(TableCell.class)) {
            if (!cell.isEmpty() && cell.getTableColumn().getId().equals("doc")) {
                assertThat(cell.getTooltip().getText()).isEqualTo(cell.getText());
                before.put(cell, cell.getTooltip());
            }
        }
        assertThat(before).as("document cells in view").hasSizeGreaterThan(3);
        robot.clickOn(WorkbenchViewTest.header(robot, "delta")); // every cell in view shows another row now
        WaitForAsyncUtils.waitForFxEvents();
        for (Map.Entry<TableCell<?, ?>, Tooltip> shown : before.entrySet()) {
            TableCell<?, ?> cell = shown.getKey();
            if (!cell.isEmpty()) {
                assertThat(cell.getTooltip()).as("the cell's one tooltip").isSameAs(shown.getValue());
                assertThat(cell.getTooltip().getText()).isEqualTo(cell.getText())
                        .isEqualTo(table.getItems().get(cell.getIndex()).docId());
            }
        }
    }
}
