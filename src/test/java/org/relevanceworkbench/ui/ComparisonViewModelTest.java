package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Database;

/**
 * A comparison larger than {@link ComparisonViewModel#IN_PLACE_ROWS}: its filters and sorts are computed by the task
 * executor (off the FX thread in the window), never in place, and give the table's own order (nulls first, descending
 * reversed, stable).
 */
class ComparisonViewModelTest {
    @TempDir
    Path dir;
    Database db;
    final List<String> work = new ArrayList<>();

    /** Runs work at once, recording what the model sent to the background. */
    final class RecordingExecutor implements TaskExecutor {
        @Override
        public <T> void run(Callable<T> task, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            work.add(task.getClass().getName());
            new CurrentThreadTaskExecutor().run(task, onSuccess, onFailure);
        }

        @Override
        public void onUi(Runnable update) {
            update.run();
        }
    }

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("c.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void largeTablesAreFilteredAndSortedByTheExecutorInTheTablesOrder() {
        ComparisonViewModel model = new ComparisonViewModel(db, new RecordingExecutor(), e -> {
            throw new AssertionError(e);
        });
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("og", "");
        variants.put("changed", "x");
        model.open(-1, "t", "q", variants); // A = og, B = changed
        int n = ComparisonViewModel.IN_PLACE_ROWS + 1000;
        List<CachedScore> og = new ArrayList<>();
        List<CachedScore> changed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            og.add(new CachedScore(String.format("d%05d", i), (i % 97) / 97.0, 0, 0, 10, false));
            if (i % 10 != 0) { // every tenth document unscored under 'changed': its Δ is null
                changed.add(new CachedScore(String.format("d%05d", i), (i % 89) / 89.0, 0, 0, 10, false));
            }
        }
        model.addScores("og", og, Map.of());
        model.addScores("changed", changed, Map.of());
        assertThat(model.visibleRows()).hasSize(n);

        work.clear();
        model.sortBy(List.of(new ComparisonViewModel.SortKey("delta", false), new ComparisonViewModel.SortKey("doc", true)));
        assertThat(work).as("a sort of a large table goes through the executor").isNotEmpty();
        List<ComparisonRow> rows = model.visibleRows();
        Comparator<ComparisonRow> byDeltaDescNullsLast = Comparator.comparing((ComparisonRow r) -> r.delta("og", "changed"),
                Comparator.nullsFirst(Comparator.<Double>naturalOrder())).reversed();
        assertThat(rows).isSortedAccordingTo(byDeltaDescNullsLast);
        assertThat(rows.get(rows.size() - 1).delta("og", "changed")).isNull();

        work.clear();
        model.filterTextProperty().set("d0001");
        assertThat(work).as("a filter of a large table goes through the executor").isNotEmpty();
        assertThat(model.visibleRows()).hasSize(10).allMatch(r -> r.docId().startsWith("d0001"))
                .isSortedAccordingTo(byDeltaDescNullsLast);

        model.filterTextProperty().set("");
        model.flippedOnlyProperty().set(true);
        assertThat(model.visibleRows()).isNotEmpty().allMatch(r -> r.flipped("og", "changed", 0.5));
    }

    @Test
    void aSmallTableIsFilteredInPlace() {
        ComparisonViewModel model = new ComparisonViewModel(db, new RecordingExecutor(), e -> {
            throw new AssertionError(e);
        });
        model.open(-1, "t", "q", Map.of("og", ""));
        model.addScores("og", List.of(new CachedScore("b", 0.2, 0, 0, 1, false),
                new CachedScore("a", 0.9, 0, 0, 1, false)), Map.of());
        work.clear();
        model.sortBy(List.of(new ComparisonViewModel.SortKey("score-og", true)));
        assertThat(work).isEmpty();
        assertThat(model.visibleRows()).extracting(ComparisonRow::docId).containsExactly("b", "a");
    }
}
