package org.relevanceworkbench.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

class JudgingSessionTest {
    @TempDir
    Path dir;
    Database db;
    Collection cameron;
    final AtomicLong clock = new AtomicLong();

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        cameron = db.read(c -> new CollectionDao(c).require("james-cameron"));
        // A FollowIR run for og with made-up p(true): the suggestions the queue orders by.
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

    @AfterEach
    void close() {
        db.close();
    }

    private JudgingSession session(String assessor, QueueOrder order, long seed, boolean adjudication) {
        return JudgingSession.open(db, new JudgingSetup("james-cameron", "cameron", "og", assessor,
                CandidateSpec.parse("run:followir-og"), order, seed, null, adjudication), clock::get);
    }

    private static List<String> ids(JudgingSession s) {
        return s.items().stream().map(QueueItem::docId).toList();
    }

    @Test
    void ordersByModelScoreUncertaintyCollectionOrBlind() {
        assertThat(ids(session("ann", QueueOrder.MODEL_SCORE, 0, false)))
                .containsExactly("titanic-1997", "the-abyss", "avatar-2009", "jaws-1975");
        assertThat(ids(session("ann", QueueOrder.UNCERTAINTY, 0, false)))
                .containsExactly("avatar-2009", "the-abyss", "jaws-1975", "titanic-1997");
        List<String> collectionOrder = ids(session("ann", QueueOrder.COLLECTION, 0, false));
        assertThat(collectionOrder).containsExactlyInAnyOrder("titanic-1997", "the-abyss", "jaws-1975", "avatar-2009");
        JudgingSession blind = session("ann", QueueOrder.BLIND, 42, false);
        assertThat(blind.items()).allMatch(i -> i.pTrue() == null);
        assertThat(ids(blind)).isEqualTo(ids(session("ann", QueueOrder.BLIND, 42, false)));
        assertThat(session("ann", QueueOrder.MODEL_SCORE, 0, false).current().pTrue()).isEqualTo(0.97);
    }

    @Test
    void everyJudgmentIsOnDiskWhenJudgeReturnsWithItsTimeAndNote() {
        JudgingSession s = session("ann", QueueOrder.MODEL_SCORE, 0, false);
        clock.addAndGet(12_500_000_000L);
        s.judge(2, "  sole writing credit  ");
        assertThat(s.index()).isEqualTo(1);
        List<Judgment> stored = db.read(c -> new JudgmentDao(c).list(cameron.id(), "cameron", "og"));
        assertThat(stored).singleElement().satisfies(j -> {
            assertThat(j.docId()).isEqualTo("titanic-1997");
            assertThat(j.grade()).isEqualTo(2);
            assertThat(j.note()).isEqualTo("sole writing credit");
            assertThat(j.secondsSpent()).isEqualTo(12.5);
        });
        assertThat(s.judgedCount()).isEqualTo(1);
    }

    @Test
    void undoPutsBackExactlyWhatTheJudgmentReplaced() {
        JudgingSession s = session("ann", QueueOrder.MODEL_SCORE, 0, false);
        clock.addAndGet(3_000_000_000L);
        s.judge(1, "first look");
        s.previous();
        clock.addAndGet(2_000_000_000L);
        s.judge(0, "on reflection");
        Judgment rejudged = s.judgment("titanic-1997").orElseThrow();
        assertThat(rejudged.grade()).isZero();
        assertThat(rejudged.secondsSpent()).isEqualTo(5.0);
        assertThat(s.undo()).isTrue();
        Judgment restored = db.read(c -> new JudgmentDao(c).find(cameron.id(), "ann", "cameron", "og", "titanic-1997"))
                .orElseThrow();
        assertThat(restored.grade()).isEqualTo(1);
        assertThat(restored.note()).isEqualTo("first look");
        assertThat(restored.secondsSpent()).isEqualTo(3.0);
        assertThat(s.current().docId()).isEqualTo("titanic-1997");
        assertThat(s.undo()).isTrue();
        java.util.Optional<Judgment> gone = db.read(c -> new JudgmentDao(c).find(cameron.id(), "ann", "cameron", "og",
                "titanic-1997"));
        assertThat(gone).isEmpty();
        assertThat(s.undo()).isFalse();
        assertThat(s.judgedCount()).isZero();
    }

    @Test
    void reopeningResumesAtTheFirstUnjudgedDocument() {
        JudgingSession s = session("ann", QueueOrder.MODEL_SCORE, 0, false);
        s.judge(2, null);
        s.skip();
        s.judge(0, null); // the third document; the second was skipped
        JudgingSession again = session("ann", QueueOrder.MODEL_SCORE, 0, false);
        assertThat(again.current().docId()).isEqualTo("the-abyss");
        assertThat(again.judgedCount()).isEqualTo(2);
        assertThat(again.judgment("avatar-2009")).get().extracting(Judgment::grade).isEqualTo(0);
    }

    @Test
    void assessorsSeeOnlyTheirOwnJudgmentsUnlessAdjudicating() {
        session("ann", QueueOrder.MODEL_SCORE, 0, false).judge(2, "ann says yes");
        JudgingSession bob = session("bob", QueueOrder.MODEL_SCORE, 0, false);
        assertThat(bob.judgment("titanic-1997")).isEmpty();
        assertThat(bob.othersJudgments("titanic-1997")).isEmpty();
        assertThat(bob.current().docId()).isEqualTo("titanic-1997");
        bob.judge(0, null);
        JudgingSession chair = session("chair", QueueOrder.MODEL_SCORE, 0, true);
        assertThat(chair.othersJudgments("titanic-1997")).extracting(Judgment::assessor, Judgment::grade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", 2), org.assertj.core.groups.Tuple.tuple("bob", 0));
    }

    @Test
    void adjudicationQueuesTheDisagreementsFirstWidestSpreadFirstThenTheRestInTheChosenOrder() {
        judge("ann", "titanic-1997", 2);
        judge("bob", "titanic-1997", 1); // spread 1
        judge("ann", "jaws-1975", 0);
        judge("bob", "jaws-1975", 2); // spread 2: the widest, first
        judge("ann", "avatar-2009", 1);
        judge("bob", "avatar-2009", 1); // agreed
        // by model score alone: titanic-1997, the-abyss, avatar-2009, jaws-1975
        JudgingSession chair = session("chair", QueueOrder.MODEL_SCORE, 0, true);
        assertThat(ids(chair)).containsExactly("jaws-1975", "titanic-1997", "the-abyss", "avatar-2009");
        assertThat(chair.disagreements()).isEqualTo(2);
        assertThat(chair.current().docId()).as("the chair starts at the widest disagreement").isEqualTo("jaws-1975");
        assertThat(ids(session("ann", QueueOrder.MODEL_SCORE, 0, false)))
                .as("an assessor's queue is not reordered").containsExactly("titanic-1997", "the-abyss", "avatar-2009",
                        "jaws-1975");
        assertThat(session("ann", QueueOrder.MODEL_SCORE, 0, false).disagreements()).isZero();
    }

    private void judge(String assessor, String docId, int grade) {
        db.write(c -> {
            new JudgmentDao(c).record(cameron.id(), new Judgment(assessor, "cameron", "og", docId, grade, null, 1, null));
            return null;
        });
    }

    @Test
    void orderingByScoreWithoutARunIsAClearError() {
        assertThatThrownBy(() -> JudgingSession.open(db, new JudgingSetup("james-cameron", "cameron", "changed", "ann",
                CandidateSpec.parse("bm25:5"), QueueOrder.UNCERTAINTY, 0, null, false)))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("needs model scores, and collection 'james-cameron' has no run 'followir-changed'");
        JudgingSession plain = JudgingSession.open(db, new JudgingSetup("james-cameron", "cameron", "changed", "ann",
                CandidateSpec.parse("bm25:5"), QueueOrder.COLLECTION, 0, null, false));
        assertThat(plain.items()).hasSize(5).allMatch(i -> i.pTrue() == null);
    }

    @Test
    void everyJudgmentKeepsTheConditionItWasMadeUnder() {
        JudgingSetup shown = new JudgingSetup("james-cameron", "cameron", "og", "ann", CandidateSpec.parse("run:followir-og"),
                QueueOrder.MODEL_SCORE, 0, null, false);
        JudgingSession suggested = JudgingSession.open(db, shown, clock::get);
        assertThat(suggested.current().docId()).isEqualTo("titanic-1997");
        Judgment first = suggested.judge(2, null);
        assertThat(first.condition()).isEqualTo(new Judgment.Condition("suggested", 0.97, "model-score", "development"));

        JudgingSession blind = JudgingSession.open(db, new JudgingSetup("james-cameron", "cameron", "og", "bob",
                CandidateSpec.parse("run:followir-og"), QueueOrder.BLIND, 7, null, false), clock::get);
        Judgment hidden = blind.judge(1, null);
        assertThat(hidden.condition()).isEqualTo(new Judgment.Condition("blind", null, "blind", "development"));

        JudgingSession postEdit = JudgingSession.open(db, new JudgingSetup("james-cameron", "cameron", "og", "cy",
                CandidateSpec.parse("run:followir-og"), QueueOrder.MODEL_SCORE, 0, null, false, true), clock::get);
        assertThat(postEdit.startingGrade()).as("titanic at p 0.97: the model says relevant").contains(1);
        postEdit.judge(1, null);
        assertThat(postEdit.current().docId()).isEqualTo("the-abyss");
        assertThat(postEdit.startingGrade()).contains(1);
        postEdit.next();
        postEdit.next();
        assertThat(postEdit.current().docId()).isEqualTo("jaws-1975");
        assertThat(postEdit.startingGrade()).as("p 0.30").contains(0);
        Judgment edited = postEdit.judge(1, "the model was wrong");
        assertThat(edited.condition().kind()).isEqualTo("post-edit");
        assertThat(edited.condition().suggestedP()).isEqualTo(0.30);

        List<Judgment> stored = db.read(c -> new JudgmentDao(c).list(cameron.id(), "cameron", "og"));
        assertThat(stored).extracting(Judgment::conditionKind).containsExactlyInAnyOrder("suggested", "blind",
                "post-edit", "post-edit");
        assertThat(suggested.undo()).isTrue();
        java.util.Optional<Judgment> undone = db.read(c -> new JudgmentDao(c).find(cameron.id(), "ann", "cameron", "og",
                "titanic-1997"));
        assertThat(undone).isEmpty();
        assertThatThrownBy(() -> JudgingSession.open(db, new JudgingSetup("james-cameron", "cameron", "og", "dan",
                CandidateSpec.parse("all"), QueueOrder.BLIND, 1, null, false, true), clock::get))
                .isInstanceOf(UserException.class).hasMessageStartingWith("post-editing starts from the model's labels");
    }
}
