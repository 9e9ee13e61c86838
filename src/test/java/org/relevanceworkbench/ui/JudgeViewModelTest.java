package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.judge.Highlighter;
import org.relevanceworkbench.judge.JudgingCondition;
import org.relevanceworkbench.judge.QueueOrder;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
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
        db = TestStages.samples(dir);
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
        assertThat(m.suggestionProperty().get()).isEqualTo("no model score (judged blind)");
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

    /** A FollowIR run for og with made-up p(true): the suggestions, and the labels post-editing starts from. */
    private void followIrRun() {
        db.write(c -> {
            Run run = new RunDao(c).create(cameron.id(), new Run(0, "followir-og", "followir", "sha256:x", "t", "fp32",
                    2048, "control", "test", null));
            try (RunDao.Inserter rows = new RunDao(c).inserter(run.id())) {
                rows.insert(RunScore.ranked("cameron", "og", "titanic-1997", 1, 0.97));
                rows.insert(RunScore.ranked("cameron", "og", "the-abyss", 2, 0.55));
                rows.insert(RunScore.ranked("cameron", "og", "jaws-1975", 3, 0.30));
                rows.insert(RunScore.ranked("cameron", "og", "avatar-2009", 4, 0.49));
            }
            return null;
        });
    }

    private JudgeViewModel scored(String assessor, JudgingCondition condition) {
        JudgeViewModel m = model(assessor);
        m.candidatesProperty().set("run:followir-og");
        m.orderProperty().set(QueueOrder.MODEL_SCORE);
        m.conditionProperty().set(condition);
        return m;
    }

    private Judgment stored(String assessor, String docId) {
        return db.read(c -> new JudgmentDao(c).find(cameron.id(), assessor, "cameron", "og", docId)).orElseThrow();
    }

    @Test
    void eachConditionCanBeChosenAndEveryJudgmentStoresTheOneItWasMadeUnder() {
        followIrRun();
        JudgeViewModel shown = scored("ann", JudgingCondition.SUGGESTED);
        shown.start();
        assertThat(shown.docIdProperty().get()).isEqualTo("titanic-1997");
        assertThat(shown.suggestionProperty().get()).isEqualTo("model p(true) = 0.970");
        shown.grade(2);
        assertThat(stored("ann", "titanic-1997").condition())
                .isEqualTo(new Judgment.Condition("suggested", 0.97, "model-score", "development"));

        JudgeViewModel blind = scored("bob", JudgingCondition.BLIND);
        assertThat(blind.orderProperty().get()).as("blind hides the ranking too").isEqualTo(QueueOrder.BLIND);
        blind.start();
        assertThat(blind.suggestionProperty().get()).isEqualTo("model suggestion hidden (blind)");
        String hidden = blind.docIdProperty().get();
        blind.grade(1);
        assertThat(stored("bob", hidden).condition()).isEqualTo(new Judgment.Condition("blind", null, "blind",
                "development"));

        JudgeViewModel postEdit = scored("cy", JudgingCondition.POST_EDIT);
        postEdit.start();
        assertThat(postEdit.suggestionProperty().get())
                .isEqualTo("model label: 1 relevant (p(true) = 0.970); Enter keeps it");
        assertThat(postEdit.startingGradeProperty().get()).isEqualTo(1);
        postEdit.confirm(); // keeps the model's label
        postEdit.next(); // past the-abyss and avatar-2009
        postEdit.next();
        assertThat(postEdit.docIdProperty().get()).isEqualTo("jaws-1975");
        assertThat(postEdit.startingGradeProperty().get()).as("p 0.30: not relevant").isEqualTo(0);
        postEdit.grade(1); // changes it
        assertThat(stored("cy", "titanic-1997").grade()).isEqualTo(1);
        assertThat(stored("cy", "titanic-1997").condition())
                .isEqualTo(new Judgment.Condition("post-edit", 0.97, "model-score", "development"));
        assertThat(stored("cy", "jaws-1975").grade()).isEqualTo(1);
        assertThat(stored("cy", "jaws-1975").condition().kind()).isEqualTo("post-edit");
        assertThat(stored("cy", "jaws-1975").condition().suggestedP()).isEqualTo(0.30);
    }

    @Test
    void blindIsAConditionAndAnOrderAtOnce() {
        JudgeViewModel m = model("ann");
        m.orderProperty().set(QueueOrder.BLIND);
        assertThat(m.conditionProperty().get()).isEqualTo(JudgingCondition.BLIND);
        m.conditionProperty().set(JudgingCondition.POST_EDIT);
        assertThat(m.orderProperty().get()).as("a post-editor sees the labels: not a blind queue")
                .isEqualTo(QueueOrder.COLLECTION);
        m.orderProperty().set(QueueOrder.UNCERTAINTY);
        assertThat(m.conditionProperty().get()).isEqualTo(JudgingCondition.POST_EDIT);
    }

    @Test
    void adjudicationStartsAtTheWidestDisagreementAndShowsTheOthersGrades() {
        followIrRun();
        for (String[] j : new String[][] {{"ann", "titanic-1997", "2"}, {"bob", "titanic-1997", "1"},
                {"ann", "jaws-1975", "0"}, {"bob", "jaws-1975", "2"}, {"ann", "avatar-2009", "1"},
                {"bob", "avatar-2009", "1"}}) {
            db.write(c -> {
                new JudgmentDao(c).record(cameron.id(), new Judgment(j[0], "cameron", "og", j[1],
                        Integer.parseInt(j[2]), null, 1, null));
                return null;
            });
        }
        JudgeViewModel chair = scored("chair", JudgingCondition.SUGGESTED);
        chair.adjudicationProperty().set(true);
        chair.start();
        assertThat(chair.docIdProperty().get()).isEqualTo("jaws-1975");
        assertThat(chair.othersProperty().get()).isEqualTo("Others: ann 0, bob 2");
        assertThat(chair.statusProperty().get()).isEqualTo("2 disagreements first");
        chair.grade(1);
        assertThat(chair.docIdProperty().get()).as("then the narrower one").isEqualTo("titanic-1997");
        chair.grade(2);
        assertThat(chair.docIdProperty().get()).as("then the rest by model score").isEqualTo("the-abyss");
    }
}
