package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Topic;

/** The workspace window's logic, without any FX thread: tasks run at once on the test thread. */
class WorkspaceViewModelTest {
    @TempDir
    Path dir;
    Database db;
    WorkspaceViewModel model;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        model = new WorkspaceViewModel(db, new CurrentThreadTaskExecutor());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void firstStartLoadsTheSampleCorporaAndSelectsTheFirst() {
        model.start();
        assertThat(model.collections()).extracting(s -> s.collection().name())
                .containsExactly("james-cameron", "trec-mini");
        CollectionStats cameron = model.collections().get(0);
        assertThat(cameron.documents()).isEqualTo(40);
        assertThat(cameron.indexComplete()).isTrue();
        assertThat(model.selectedProperty().get()).isEqualTo(cameron);
        assertThat(model.topics()).extracting(Topic::topicId).containsExactly("cameron");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("2 collections in ws.db");
    }

    @Test
    void aLaterStartDoesNotReimportIntoANonEmptyWorkspace() {
        db.write(c -> new CollectionDao(c).create("mine"));
        model.start();
        assertThat(model.collections()).extracting(s -> s.collection().name()).containsExactly("mine");
    }

    @Test
    void anotherCollectionClosesTheOpenTopic() {
        model.start();
        model.topicProperty().set(model.topics().get(0));
        model.selectedProperty().set(model.collections().get(1));
        assertThat(model.topicProperty().get()).isNull();
        assertThat(model.topics()).extracting(Topic::topicId).hasSize(10).doesNotContain("cameron");
    }

    @Test
    void aFailureBecomesAOneLineMessage() {
        db.close(); // every later call fails
        model.start();
        assertThat(model.errorProperty().get()).startsWith("Unexpected IllegalStateException: database")
                .doesNotContain("\n");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void describesCollectionsWithCountsAndIndexProgress() {
        CollectionStats building = new CollectionStats(new org.relevanceworkbench.store.Collection(1, "robust04", "now", 0),
                528155, 120000, 250, 0, 0);
        assertThat(WorkspaceViewModel.describe(building))
                .isEqualTo("robust04 — 528,155 documents, 250 topics, indexing 120,000/528,155");
        CollectionStats single = new CollectionStats(new org.relevanceworkbench.store.Collection(2, "demo", "now", 0),
                1, 1, 1, 0, 0);
        assertThat(WorkspaceViewModel.describe(single)).isEqualTo("demo — 1 document, 1 topic");
    }
}
