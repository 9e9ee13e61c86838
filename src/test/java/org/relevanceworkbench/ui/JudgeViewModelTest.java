package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.judge.QueueOrder;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;

/** The judging screen's logic without an FX thread. */
class JudgeViewModelTest {
    @TempDir
    Path dir;
    Database db;
    Collection cameron;
    Topic topic;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        cameron = db.read(c -> new CollectionDao(c).require("james-cameron"));
        topic = db.read(c -> new TopicDao(c).find(cameron.id(), "cameron")).orElseThrow();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private JudgeViewModel model(String assessor) {
        JudgeViewModel model = new JudgeViewModel(db, new CurrentThreadTaskExecutor());
        model.forTopic("james-cameron", topic);
        model.assessorProperty().set(assessor);
        model.candidatesProperty().set("bm25:6");
        model.orderProperty().set(QueueOrder.COLLECTION);
        return model;
    }

    @Test
    void showsTheTopicAndTheFirstDocumentWithItsWordsHighlighted() {
        JudgeViewModel m = model("ann");
        assertThat(m.variants()).containsExactly("og", "changed");
        m.variantProperty().set("changed");
        assertThat(m.instructionProperty().get()).contains("directed by James Cameron");
        m.variantProperty().set("og");
        m.start();
        assertThat(m.startedProperty().get()).isTrue();
        assertThat(m.queryProperty().get()).isEqualTo("What movies were written by James Cameron?");
        assertThat(m.instructionProperty().get()).contains("written by James Cameron only");
        assertThat(m.progressProperty().get()).isEqualTo("document 1 of 6 · 0 judged");
        assertThat(m.suggestionProperty().get()).isEqualTo("no model score");
        assertThat(m.text()).anyMatch(Highlighter.Segment::highlighted);
        assertThat(m.text().stream().filter(Highlighter.Segment::highlighted).map(Highlighter.Segment::text))
                .anyMatch(w -> w.equals("Cameron"));
        assertThat(String.join("", m.text().stream().map(Highlighter.Segment::text).toList()))
                .isNotBlank();
    }

    @Test
    void gradingCommitsAndMovesOnUndoComesBackAndReopeningResumes() {
        JudgeViewModel m = model("ann");
        m.start();
        String first = m.docIdProperty().get();
        m.noteProperty().set("credited to others");
        m.grade(1);
        assertThat(m.docIdProperty().get()).isNotEqualTo(first);
        assertThat(m.noteProperty().get()).isEmpty();
        m.grade(2);
        assertThat(m.progressProperty().get()).isEqualTo("document 3 of 6 · 2 judged");
        m.undo();
        assertThat(m.progressProperty().get()).isEqualTo("document 2 of 6 · 1 judged");
        assertThat(m.canUndoProperty().get()).isTrue();
        List<Judgment> stored = db.read(c -> new JudgmentDao(c).list(cameron.id(), "cameron", "og"));
        assertThat(stored).singleElement().satisfies(j -> {
            assertThat(j.docId()).isEqualTo(first);
            assertThat(j.grade()).isEqualTo(1);
            assertThat(j.note()).isEqualTo("credited to others");
        });
        JudgeViewModel again = model("ann");
        again.start();
        assertThat(again.progressProperty().get()).isEqualTo("document 2 of 6 · 1 judged");
        again.previous();
        assertThat(again.ownGradeProperty().get()).isEqualTo(1);
        assertThat(again.noteProperty().get()).isEqualTo("credited to others");
    }

    @Test
    void blindHidesTheSuggestionAndAStartWithoutAssessorExplainsItself() {
        JudgeViewModel m = model(" ");
        m.start();
        assertThat(m.startedProperty().get()).isFalse();
        assertThat(m.statusProperty().get()).isEqualTo("Enter the assessor's name first");
        m.assessorProperty().set("bob");
        m.orderProperty().set(QueueOrder.BLIND);
        m.start();
        assertThat(m.suggestionProperty().get()).isEqualTo("model suggestion hidden (blind)");
        m.candidatesProperty().set("nonsense");
        m.start();
        assertThat(m.statusProperty().get()).contains("candidates must be bm25:K");
    }
}
