package org.relevanceworkbench.ui;

import java.io.IOException;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.relevanceworkbench.corpus.SearchHit;

/** Binds SearchView.fxml, the Search tab: BM25 over the selected collection, Enter or Search to run it. */
public final class SearchView {
    @FXML private TextField searchField;
    @FXML private Button searchButton;
    @FXML private TableView<SearchHit> hitTable;
    @FXML private TableColumn<SearchHit, Number> hitRankColumn;
    @FXML private TableColumn<SearchHit, String> hitDocColumn;
    @FXML private TableColumn<SearchHit, Number> hitScoreColumn;
    @FXML private TableColumn<SearchHit, String> hitTitleColumn;
    @FXML private TableColumn<SearchHit, String> hitSnippetColumn;

    private final SearchViewModel model;

    public SearchView(SearchViewModel model) {
        this.model = model;
    }

    public static Parent load(SearchViewModel model) throws IOException {
        return Fxml.load(SearchView.class, new SearchView(model));
    }

    @FXML
    private void initialize() {
        searchField.textProperty().bindBidirectional(model.queryProperty());
        searchField.setOnAction(e -> model.search());
        searchButton.setOnAction(e -> model.search());
        hitTable.setItems(model.hits());
        hitRankColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rank()));
        hitDocColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().docId()));
        hitScoreColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Math.round(c.getValue().score() * 1000) / 1000.0));
        hitTitleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        hitSnippetColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(SearchViewModel.snippet(c.getValue())));
        for (TableColumn<SearchHit, String> text : java.util.List.of(hitDocColumn, hitTitleColumn, hitSnippetColumn)) {
            text.setCellFactory(col -> new TableCells.LongText<>());
        }
    }
}
