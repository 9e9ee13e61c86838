package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.store.Database;

/** The Search tab's logic on the sample corpora, tasks run at once on the test thread. */
class SearchViewModelTest {
    @TempDir
    Path dir;
    Database db;
    WorkspaceViewModel workspace;
    SearchViewModel search;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
        workspace = new WorkspaceViewModel(db, tasks);
        search = new SearchViewModel(db, tasks, workspace);
        workspace.start();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void searchShowsBm25HitsOfTheSelectedCollectionAndCountsThemInTheStatus() {
        workspace.selectedProperty().set(workspace.collections().get(1));
        search.queryProperty().set("coral reef bleaching (ocean: heat)");
        search.search();
        assertThat(search.hits()).isNotEmpty().hasSizeLessThanOrEqualTo(SearchViewModel.HITS);
        assertThat(search.hits()).extracting(SearchHit::docId).allMatch(id -> id.startsWith("TM"));
        assertThat(search.hits().get(0).docId()).startsWith("TM102-");
        assertThat(workspace.statusProperty().get()).isEqualTo(search.hits().size() + " BM25 results");
        assertThat(SearchViewModel.snippet(search.hits().get(0))).contains("«").doesNotContain("\n");
        search.queryProperty().set("   ");
        search.search();
        assertThat(search.hits()).isEmpty();
    }

    @Test
    void anotherCollectionClearsTheResults() {
        search.queryProperty().set("Cameron");
        search.search();
        assertThat(search.hits()).isNotEmpty();
        workspace.selectedProperty().set(workspace.collections().get(1));
        assertThat(search.hits()).isEmpty();
    }

    @Test
    void withoutACollectionTheStatusSaysToChooseOne() {
        workspace.selectedProperty().set(null);
        search.queryProperty().set("Cameron");
        search.search();
        assertThat(search.hits()).isEmpty();
        assertThat(workspace.statusProperty().get()).isEqualTo("Choose a collection to search");
    }
}
