package org.relevanceworkbench.ui;

import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.corpus.Bm25Search;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.corpus.SearchResult;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;

/**
 * The Search tab: BM25 over the workspace's selected collection for whatever is typed. Results clear when another
 * collection is chosen; how many came back (and how much of the collection the index covers) goes to the status bar.
 */
public final class SearchViewModel {
    static final int HITS = 100;

    private final Database db;
    private final TaskExecutor tasks;
    private final WorkspaceViewModel workspace;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<SearchHit> hits = FXCollections.observableArrayList();

    public SearchViewModel(Database db, TaskExecutor tasks, WorkspaceViewModel workspace) {
        this.db = db;
        this.tasks = tasks;
        this.workspace = workspace;
        workspace.selectedProperty().addListener((obs, old, now) -> hits.clear());
    }

    /** Searches; an empty box clears the results. */
    public void search() {
        CollectionStats collection = workspace.selectedProperty().get();
        String text = query.get() == null ? "" : query.get();
        if (collection == null) {
            workspace.statusProperty().set("Choose a collection to search");
            return;
        }
        if (text.isBlank()) {
            hits.clear();
            return;
        }
        String name = collection.collection().name();
        tasks.run(() -> new Bm25Search(db).search(name, text, HITS, true), this::show, workspace::fail);
    }

    private void show(SearchResult result) {
        hits.setAll(result.hits());
        String coverage = result.indexComplete() ? ""
                : String.format(Locale.US, " (index covers %,d of %,d documents)", result.indexedDocuments(),
                        result.totalDocuments());
        workspace.statusProperty().set(result.hits().size() + " BM25 results" + coverage
                + (result.dropped().isEmpty() ? "" : "; left out: " + String.join(", ", result.dropped())));
    }

    /** How a hit's snippet reads in the table: the matched words in «», on one line. */
    public static String snippet(SearchHit hit) {
        return hit.snippet("«", "»").replaceAll("\\s+", " ");
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<SearchHit> hits() {
        return hits;
    }
}
