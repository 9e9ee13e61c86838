package org.relevanceworkbench.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RerankService;
import org.relevanceworkbench.rerank.VariantResult;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/** Leave-one-out on the sample corpora with the tiny golden checkpoint: exact prompts, the cache, cost, what-if. */
class AttributionServiceTest {
    @TempDir
    static Path dir;
    static Database db;
    static FollowIrScorer model;
    static AttributionService service;

    @BeforeAll
    static void setUp() throws Exception {
        db = Database.open(dir.resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        Path tiny = Path.of(AttributionServiceTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        model = FollowIrScorer.load(tiny, ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU),
                FollowIrScorer.LoadListener.NONE);
        service = new AttributionService(db);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        db.close();
    }

    private static AttributionRequest trec(String topic, String variant, String candidates) {
        return AttributionRequest.of("trec-mini", topic, variant, CandidateSpec.parse(candidates));
    }

    private static Map<String, Double> plainScores(String query, String instruction, List<Document> docs) {
        List<DocumentScore> scores = model.score(query, instruction, docs.stream()
                .map(d -> new Candidate(d.docId(), d.title(), d.text())).toList(), ScoreListener.NONE,
                new CancellationToken());
        return scores.stream().collect(java.util.stream.Collectors.toMap(DocumentScore::id, DocumentScore::pTrue));
    }

    @Test
    void everyScoreIsAPlainScoreOfExactlyTheInstructionItNamesAndARerunScoresNothing() {
        AttributionPlan plan = service.plan(trec("104", "og", "bm25:4").withClauseAlone(true).withWords("TM104-01"));
        assertThat(plan.clauses().size()).isEqualTo(2);
        assertThat(plan.words()).hasSize(70);
        CountingScorer first = new CountingScorer(model);
        Attribution a = service.run(plan, first, AttributionService.Listener.NONE, new CancellationToken());
        // one score() call per instruction text: full, query alone, 2 without, 70 words; with two clauses, each
        // clause alone is the other one left out, so those texts are scored once
        assertThat(plan.clauses().without(0)).isEqualTo(plan.clauses().get(1));
        assertThat(first.calls).hasSize(1 + 1 + 2 + 70);
        assertThat(first.calls).extracting(CountingScorer.Call::instruction).doesNotHaveDuplicates();
        int candidates = plan.candidates().size();
        boolean wordsDocIsACandidate = plan.candidates().stream().anyMatch(d -> d.docId().equals("TM104-01"));
        int expected = candidates * 4 + 70 + (wordsDocIsACandidate ? 0 : 1);
        assertThat(first.pairs()).isEqualTo(expected).isEqualTo(plan.pairs());
        assertThat(a.cost()).isEqualTo(new Cost(expected, 0));

        String query = plan.query();
        Map<String, Double> full = plainScores(query, plan.instruction(), plan.candidates());
        Map<String, Double> alone = plainScores(query, "", plan.candidates());
        for (DocumentAttribution d : a.documents()) {
            assertThat(d.pFull()).isCloseTo(full.get(d.docId()), within(1e-6));
            assertThat(d.pQueryAlone()).isCloseTo(alone.get(d.docId()), within(1e-6));
        }
        for (int k = 0; k < 2; k++) {
            Map<String, Double> without = plainScores(query, a.clauses().without(k), plan.candidates());
            Map<String, Double> only = plainScores(query, a.clauses().get(k), plan.candidates());
            for (DocumentAttribution d : a.documents()) {
                assertThat(d.pWithout().get(k)).isCloseTo(without.get(d.docId()), within(1e-6));
                assertThat(d.delta(k)).isCloseTo(without.get(d.docId()) - full.get(d.docId()), within(1e-6));
                assertThat(d.pAlone().get(k)).isCloseTo(only.get(d.docId()), within(1e-6));
            }
        }
        Document doc = db.read(c -> new org.relevanceworkbench.store.DocumentDao(c)
                .find(plan.collection().id(), "TM104-01")).orElseThrow();
        WordOcclusion words = a.words();
        assertThat(words.words()).extracting(WordOcclusion.Word::index).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 70).boxed().toList());
        for (int w : new int[] {0, 1, 41, 69}) {
            WordOcclusion.Word word = words.words().get(w);
            assertThat(word.word()).isEqualTo(plan.words().get(w));
            assertThat(word.instruction()).isEqualTo(Words.without(plan.words(), w));
            assertThat(word.pWithout()).isCloseTo(plainScores(query, word.instruction(), List.of(doc))
                    .get("TM104-01"), within(1e-6));
        }

        CountingScorer second = new CountingScorer(model);
        assertThat(service.cost(plan, second)).isEqualTo(new Cost(expected, expected));
        Attribution again = service.run(plan, second, AttributionService.Listener.NONE, new CancellationToken());
        assertThat(second.calls).isEmpty();
        assertThat(again.scored()).isZero();
        assertThat(again.documents()).isEqualTo(a.documents());
        assertThat(again.words()).isEqualTo(a.words());
    }

    @Test
    void theCostCountsPairsAndWhatTheCacheHasAndGivesAnEta() {
        AttributionRequest request = trec("106", "og", "bm25:5");
        AttributionPlan plan = service.plan(request);
        assertThat(plan.clauses().size()).isEqualTo(3);
        Cost before = service.cost(plan, model);
        assertThat(before).isEqualTo(new Cost(5 * (1 + 1 + 3), 0));
        assertThat(before.eta(5.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(before.eta(0)).isNull();
        assertThat(before.describe(5.0)).isEqualTo("25 pairs: 0 in the cache, 25 to score, about 5 s at 5.0 docs/s");
        // a rerank of the variant scores the full instruction: those pairs are then in the cache
        VariantResult rerank = new RerankService(db).rerank("trec-mini", "106", List.of("og"),
                CandidateSpec.parse("bm25:5"), model, "cost-", false, RerankService.Listener.NONE,
                new CancellationToken()).get(0);
        assertThat(rerank.scored()).isEqualTo(5);
        assertThat(service.cost(plan, model)).isEqualTo(new Cost(25, 5));
        AtomicInteger last = new AtomicInteger();
        AtomicInteger first = new AtomicInteger(-1);
        Attribution a = service.run(plan, model, new AttributionService.Listener() {
            @Override
            public void progress(int done, int total) {
                first.compareAndSet(-1, done);
                last.set(done);
                assertThat(total).isEqualTo(25);
            }
        }, new CancellationToken());
        assertThat(first.get()).isEqualTo(5);
        assertThat(last.get()).isEqualTo(25);
        assertThat(a.scored()).isEqualTo(20);
        assertThat(Cost.human(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Cost.human(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
    }

    @Test
    void aCancelStopsBetweenBatchesAndKeepsWhatFinished() {
        AttributionPlan plan = service.plan(trec("107", "og", "bm25:6"));
        CancellationToken cancel = new CancellationToken();
        assertThatThrownBy(() -> service.run(plan, model, new AttributionService.Listener() {
            @Override
            public void progress(int done, int total) {
                if (done >= 6) {
                    cancel.cancel();
                }
            }
        }, cancel)).isInstanceOf(CancelledException.class);
        Cost after = service.cost(plan, model);
        assertThat(after.cached()).isGreaterThanOrEqualTo(6).isLessThan(after.pairs());
        assertThat(service.run(plan, model, AttributionService.Listener.NONE, new CancellationToken()).scored())
                .isEqualTo(after.toScore());
    }

    @Test
    void theSummaryCountsFlipsMeanDeltaTauAndPmrrFromKnownScores() {
        AttributionPlan plan = service.plan(trec("101", "changed", "bm25:3"));
        assertThat(plan.clauses().size()).isEqualTo(6);
        List<String> ids = plan.candidates().stream().map(Document::docId).toList();
        // full: 0.9, 0.6, 0.2; without clause 1: 0.1, 0.7, 0.3 (one flip); without the others: as full
        Map<String, double[]> without = Map.of(ids.get(0), new double[] {0.1, 0.9}, ids.get(1),
                new double[] {0.7, 0.6}, ids.get(2), new double[] {0.3, 0.2});
        double[] fullScores = {0.9, 0.6, 0.2};
        Attribution a = service.compute(plan, (instruction, doc) -> {
            int i = ids.indexOf(doc);
            if (instruction.equals(plan.instruction())) {
                return fullScores[i];
            }
            if (instruction.isEmpty()) {
                return 0.5;
            }
            return instruction.equals(plan.clauses().without(0)) ? without.get(doc)[0] : fullScores[i];
        }, new Cost(3 * 8, 0));
        ClauseSummary one = a.summaries().get(0);
        assertThat(one.index()).isEqualTo(1);
        assertThat(one.clause()).isEqualTo(plan.clauses().get(0));
        assertThat(one.instruction()).isEqualTo(plan.clauses().without(0));
        assertThat(one.flips()).isEqualTo(1);
        assertThat(one.meanAbsDelta()).isCloseTo((0.8 + 0.1 + 0.1) / 3, within(1e-12));
        assertThat(one.kendallTau()).isCloseTo(-1.0 / 3, within(1e-12)); // pairs: (0,1) −, (0,2) −, (1,2) +
        assertThat(one.pMrr()).isNotNull(); // trec-mini has og and changed qrels
        ClauseSummary two = a.summaries().get(1);
        assertThat(two.flips()).isZero();
        assertThat(two.meanAbsDelta()).isZero();
        assertThat(two.kendallTau()).isEqualTo(1.0);
        assertThat(two.pMrr()).isEqualTo(0.0); // the same ranking: nothing moved
        assertThat(a.queryAlone().index()).isZero();
        assertThat(a.queryAlone().clause()).isNull();
        assertThat(a.queryAlone().flips()).isEqualTo(1); // 0.2 → 0.5 crosses; 0.9, 0.6 stay above
        assertThat(a.documents().get(0).delta(0)).isCloseTo(-0.8, within(1e-12));
        assertThat(a.documents().get(2).deltaQueryAlone()).isCloseTo(0.3, within(1e-12));
        // the baseline has no og/changed pair of qrels to compare with
        Attribution og = service.compute(service.plan(trec("101", "og", "bm25:3")), (i, d) -> 0.5, new Cost(0, 0));
        assertThat(og.summaries()).allSatisfy(s -> assertThat(s.pMrr()).isNull());
    }

    @Test
    void anInstructionOfOneClauseHasTheQueryAloneOnly() {
        AttributionPlan plan = service.plan(AttributionRequest.of("james-cameron", "cameron", "og",
                CandidateSpec.parse("bm25:3")));
        assertThat(plan.leaveOneOut()).isFalse();
        assertThat(plan.notes()).containsExactly("the instruction of variant 'og' is one clause: leaving it out"
                + " leaves the query alone, so only the query-alone scores are computed");
        assertThat(plan.pairs()).isEqualTo(6);
        Attribution a = service.run(plan, model, AttributionService.Listener.NONE, new CancellationToken());
        assertThat(a.summaries()).isEmpty();
        assertThat(a.documents()).allSatisfy(d -> assertThat(d.pWithout()).isEmpty());
        assertThat(AttributionExport.lineCount(a)).isEqualTo(3);
    }

    @Test
    void badInputIsOneLineAndChangesNothing() {
        Long cached = db.read(c -> new org.relevanceworkbench.store.ScoreCacheDao(c).count());
        assertThatThrownBy(() -> service.plan(trec("999", "og", "all"))).isInstanceOf(UserException.class)
                .hasMessage("collection 'trec-mini' has no topic '999'");
        assertThatThrownBy(() -> service.plan(trec("101", "mine", "all"))).isInstanceOf(UserException.class)
                .hasMessage("topic '101' has no variant 'mine' (variants: og, changed)");
        assertThatThrownBy(() -> service.plan(trec("101", "og", "all").withWords("nope")))
                .isInstanceOf(UserException.class).hasMessage("collection 'trec-mini' has no document 'nope'");
        assertThatThrownBy(() -> service.plan(trec("101", "og", "all").withWords("TM101-01")))
                .isInstanceOf(UserException.class).hasMessage("word occlusion takes instructions of up to 80 words;"
                        + " this one has 109 (attribute its clauses instead)");
        assertThatThrownBy(() -> service.plan(trec("101", "changed", "all").withMaxClauses(5)))
                .isInstanceOf(UserException.class).hasMessage("the instruction of variant 'changed' has 6 clauses,"
                        + " more than 5: join some, or allow them (--max-clauses 6)");
        assertThatThrownBy(() -> service.plan(trec("101", "og", "all").withClauses(Clauses.of("Something else."))))
                .isInstanceOf(UserException.class).hasMessageStartingWith("those clauses are not a cut");
        assertThatThrownBy(() -> service.plan(trec("101", "og", "run:nothing"))).isInstanceOf(UserException.class)
                .hasMessage("collection 'trec-mini' has no run 'nothing'");
        db.write(c -> {
            long collection = new CollectionDao(c).require("trec-mini").id();
            TopicDao topics = new TopicDao(c);
            topics.upsertVariant(topics.findRow(collection, "110").orElseThrow(), "blank", "  ");
            return null;
        });
        assertThatThrownBy(() -> service.plan(trec("110", "blank", "all"))).isInstanceOf(UserException.class)
                .hasMessage("variant 'blank' of topic '110' has an empty instruction: there is nothing to attribute");
        Long after = db.read(c -> new org.relevanceworkbench.store.ScoreCacheDao(c).count());
        assertThat(after).isEqualTo(cached);
    }

    @Test
    void anEditedCutIsAttributedAsGiven() {
        Clauses split = Clauses.of(service.plan(trec("105", "og", "bm25:2")).instruction());
        Clauses edited = split.splitAt(0, 5);
        AttributionPlan plan = service.plan(trec("105", "og", "bm25:2").withClauses(edited));
        assertThat(plan.clauses()).isEqualTo(edited);
        assertThat(plan.prompts()).extracting(AttributionPlan.Prompt::instruction).contains(edited.without(0),
                edited.without(1), edited.without(2));
    }

    @Test
    void aRowBecomesANamedVariantThatRerankScoresFromTheCache() {
        AttributionPlan plan = service.plan(trec("108", "og", "bm25:4"));
        service.run(plan, model, AttributionService.Listener.NONE, new CancellationToken());
        Variant without = service.whatIf("trec-mini", "108", "og", plan.clauses(), 2, false, "og-without-3");
        assertThat(without.instruction()).isEqualTo(plan.clauses().without(2));
        Variant alone = service.whatIf("trec-mini", "108", "og", null, 0, true, "og-clause-1");
        assertThat(alone.instruction()).isEqualTo(plan.clauses().get(0));
        Topic topic = db.read(c -> new TopicDao(c).find(plan.collection().id(), "108")).orElseThrow();
        assertThat(topic.variants()).extracting(Variant::name).containsExactly("og", "changed", "og-without-3",
                "og-clause-1");
        VariantResult rerank = new RerankService(db).rerank("trec-mini", "108", List.of("og-without-3"),
                CandidateSpec.parse("bm25:4"), model, "whatif-", false, RerankService.Listener.NONE,
                new CancellationToken()).get(0);
        assertThat(rerank.fromCache()).isEqualTo(4);
        assertThat(rerank.scored()).isZero();
        assertThat(AttributionService.rowName(2, false)).isEqualTo("without clause 3");
        assertThat(AttributionService.rowName(0, true)).isEqualTo("clause 1 alone");
        assertThatThrownBy(() -> service.whatIf("trec-mini", "108", "og", null, 2, false, "og-without-3"))
                .isInstanceOf(UserException.class).hasMessage("topic '108' already has a variant 'og-without-3'");
        assertThatThrownBy(() -> service.whatIf("trec-mini", "108", "og", null, 7, false, "x"))
                .isInstanceOf(UserException.class)
                .hasMessage("there is no clause 8: the instruction of variant 'og' has 4 clauses");
        assertThatThrownBy(() -> service.whatIf("trec-mini", "108", "og", null, 0, false, "two words"))
                .isInstanceOf(UserException.class).hasMessage("a variant name needs letters and no spaces, not 'two words'");
    }

    @Test
    void theOcclusionRanksWordsByHowMuchTheyMoveTheScore() {
        WordOcclusion w = new WordOcclusion("d", 0.5, List.of(new WordOcclusion.Word(1, "a", "b c d", 0.44),
                new WordOcclusion.Word(2, "b", "a c d", 0.9), new WordOcclusion.Word(3, "c", "a b d", 0.1),
                new WordOcclusion.Word(4, "d", "a b c", 0.55)));
        assertThat(w.ranked()).extracting(WordOcclusion.Word::index).containsExactly(2, 3, 1, 4);
        assertThat(w.words().get(2).delta(w.pFull())).isCloseTo(-0.4, within(1e-12));
    }

    @Test
    void deltasGetDivergingColours() {
        assertThat(DeltaColors.hex(-1, 1)).isEqualTo("#b2182b");
        assertThat(DeltaColors.hex(-5, 1)).isEqualTo("#b2182b");
        assertThat(DeltaColors.hex(0, 1)).isEqualTo("#f7f7f7");
        assertThat(DeltaColors.hex(1, 1)).isEqualTo("#2166ac");
        assertThat(DeltaColors.hex(0.5, 1)).isEqualTo("#9cc7e0"); // halfway between #d1e5f0 and #67a9cf
        assertThat(DeltaColors.rgb(Double.NaN, 1)).isEqualTo(DeltaColors.UNKNOWN);
        int red = DeltaColors.rgb(-0.3, 1) >> 16 & 0xff;
        int blue = DeltaColors.rgb(-0.3, 1) & 0xff;
        assertThat(red).isGreaterThan(blue); // negative: the score leans on it, reddish
    }
}
