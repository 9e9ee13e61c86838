package org.relevanceworkbench.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.ScoreCacheDao;

/** Reranking the James Cameron sample with the tiny golden checkpoint: runs, cache, candidates. */
class RerankServiceTest {
    @TempDir
    static Path dir;
    static Database db;
    static FollowIrScorer scorer;
    static Collection cameron;

    @BeforeAll
    static void setUp() throws Exception {
        db = Database.open(dir.resolve("ws.db"));
        new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        cameron = db.read(c -> new CollectionDao(c).require("james-cameron"));
        Path model = Path.of(RerankServiceTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        scorer = FollowIrScorer.load(model, ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU),
                FollowIrScorer.LoadListener.NONE);
    }

    @AfterAll
    static void tearDown() {
        scorer.close();
        db.close();
    }

    private static List<VariantResult> rerank(String candidates, String prefix, List<String> variants) {
        return new RerankService(db).rerank("james-cameron", "cameron", variants, CandidateSpec.parse(candidates), scorer,
                prefix, false, RerankService.Listener.NONE, new CancellationToken());
    }

    @Test
    void scoresEveryVariantOverTheSameCandidatesAndStoresARunEach() {
        List<VariantResult> results = rerank("all", "all-", null);
        assertThat(results).extracting(VariantResult::variant).containsExactly("og", "changed");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.candidates()).isEqualTo(40);
            assertThat(r.ranking()).hasSize(40);
            assertThat(r.ranking()).extracting(RunScore::rank).startsWith(1, 2, 3);
            assertThat(r.ranking()).extracting(RunScore::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        });
        assertThat(results.get(0).ranking()).extracting(RunScore::docId)
                .containsExactlyInAnyOrderElementsOf(results.get(1).ranking().stream().map(RunScore::docId).toList());
        Run og = db.read(c -> new RunDao(c).find(cameron.id(), "all-og")).orElseThrow();
        assertThat(og.scorer()).isEqualTo("followir");
        assertThat(og.modelFingerprint()).isEqualTo(scorer.provenance().fingerprint());
        assertThat(og.dtype()).isEqualTo("fp32");
        assertThat(og.maxLength()).isEqualTo(2048);
        assertThat(og.specialTokens()).isEqualTo("control");
        List<RunScore> stored = db.read(c -> new RunDao(c).scores(og.id(), "cameron", "og"));
        assertThat(stored).hasSize(40);
        assertThat(stored.get(0).logitTrue()).isNotNull();
        assertThat(stored.get(0).nTokens()).isGreaterThan(100);
    }

    @Test
    void theSecondRerankComesFromTheCacheWithIdenticalScores() {
        VariantResult first = rerank("bm25:10", "cache-", List.of("changed")).get(0);
        VariantResult second = rerank("bm25:10", "cache-", List.of("changed")).get(0);
        assertThat(first.candidates()).isEqualTo(10);
        assertThat(second.fromCache()).isEqualTo(10);
        assertThat(second.scored()).isZero();
        assertThat(second.ranking()).isEqualTo(first.ranking());
        long cached = db.read(c -> new ScoreCacheDao(c).count());
        assertThat(cached).isGreaterThanOrEqualTo(10);
    }

    @Test
    void candidatesCanComeFromAStoredRun() {
        rerank("bm25:5", "seed-", List.of("og"));
        VariantResult fromRun = rerank("run:seed-og", "from-run-", List.of("og")).get(0);
        assertThat(fromRun.candidates()).isEqualTo(5);
        assertThat(fromRun.fromCache()).isEqualTo(5);
    }

    @Test
    void unknownTopicsVariantsAndRunsAreUserErrors() {
        assertThatThrownBy(() -> rerank("all", "x-", List.of("mine"))).isInstanceOf(UserException.class)
                .hasMessage("topic 'cameron' has no variant 'mine' (variants: og, changed)");
        assertThatThrownBy(() -> rerank("run:nope", "x-", null)).isInstanceOf(UserException.class)
                .hasMessage("collection 'james-cameron' has no run 'nope'");
        assertThatThrownBy(() -> new RerankService(db).rerank("james-cameron", "999", null, CandidateSpec.parse("all"),
                scorer, "x-", false, RerankService.Listener.NONE, new CancellationToken()))
                .isInstanceOf(UserException.class).hasMessage("collection 'james-cameron' has no topic '999'");
        assertThatThrownBy(() -> CandidateSpec.parse("bm25:zero")).isInstanceOf(UserException.class)
                .hasMessageContaining("bm25:K (K ≥ 1), all, run:NAME or pool:K:RUN1,RUN2");
    }

    @Test
    void aRunOfAnotherModelIsNeverMixedInto() {
        db.write(c -> new RunDao(c).create(cameron.id(), new Run(0, "other-og", "followir", "sha256:elsewhere", "t",
                "fp16", 512, "control", "x", null)));
        assertThatThrownBy(() -> rerank("bm25:3", "other-", List.of("og"))).isInstanceOf(UserException.class)
                .hasMessageContaining("run 'other-og' holds scores of another model or setting");
    }

    @Test
    void replacingARunOfOtherProvenanceRecreatesItWithThisScorersProvenance() {
        db.write(c -> new RunDao(c).create(cameron.id(), new Run(0, "swap-og", "followir", "sha256:elsewhere", "t",
                "fp16", 512, "control", "x", null)));
        new RerankService(db).rerank("james-cameron", "cameron", List.of("og"), CandidateSpec.parse("bm25:3"), scorer,
                "swap-", true, RerankService.Listener.NONE, new CancellationToken());
        Run swapped = db.read(c -> new RunDao(c).find(cameron.id(), "swap-og")).orElseThrow();
        assertThat(swapped.modelFingerprint()).isEqualTo(scorer.provenance().fingerprint());
        assertThat(swapped.backend()).isEqualTo("local");
        assertThat(swapped.server()).isNull();
        List<RunScore> scores = db.read(c -> new RunDao(c).scores(swapped.id(), "cameron", "og"));
        assertThat(scores).hasSize(3);
    }
}
