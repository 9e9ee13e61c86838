package org.relevanceworkbench.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.attribution.Attribution;
import org.relevanceworkbench.attribution.AttributionPlan;
import org.relevanceworkbench.attribution.AttributionRequest;
import org.relevanceworkbench.attribution.AttributionService;
import org.relevanceworkbench.attribution.DocumentAttribution;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Database;

/**
 * Pairs/s of an attribution: a trec-mini topic's leave-one-out (full instruction, each clause left out, the query
 * alone) over BM25 candidates, through {@link AttributionService} as the CLI and the window run it, with the local
 * scorer's prefix cache (each instruction text's template head, query and instruction run once for all documents)
 * and without it (every prompt run whole). The score cache is bypassed, so every run scores every pair. Runs
 * alternate, so drifts in machine load hit both alike; the median is kept.
 */
public final class AttributionBenchmark {
    private final Path modelDir;
    private final ScorerOptions options;
    private final Path workDir;
    private final String topic;
    private final String variant;
    private final int candidates;
    private final int repeats;
    private final PrintWriter out;

    public AttributionBenchmark(Path modelDir, ScorerOptions options, Path workDir, String topic, String variant,
            int candidates, int repeats, PrintWriter out) {
        this.modelDir = modelDir;
        this.options = options;
        this.workDir = workDir;
        this.topic = topic;
        this.variant = variant;
        this.candidates = candidates;
        this.repeats = repeats;
        this.out = out;
    }

    /**
     * What was measured: pairs per run, median and best seconds with and without the prefix cache, the largest |Δp|
     * between the two. On a shared machine the best run is the one least slowed by others.
     */
    public record Report(int pairs, double withSeconds, double withoutSeconds, double withBest, double withoutBest,
            double maxDelta) {
        public double withPairsPerSecond() {
            return pairs / withSeconds;
        }

        public double withoutPairsPerSecond() {
            return pairs / withoutSeconds;
        }
    }

    public Report run() {
        try (Database db = Database.open(workDir.resolve("bench.db"));
                FollowIrScorer model = FollowIrScorer.load(modelDir, options, FollowIrScorer.LoadListener.NONE)) {
            new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
            AttributionService service = new AttributionService(db);
            AttributionPlan plan = service.plan(AttributionRequest.of("trec-mini", topic, variant,
                    CandidateSpec.parse("bm25:" + candidates)));
            List<AttributionPlan.Prompt> prompts = plan.prompts();
            Scorer uncached = new Uncached(model);
            out.printf(Locale.US, "model %s, %s on %s; trec-mini topic %s '%s': %d clauses, %d candidates, %d "
                    + "instruction texts, %d pairs per attribution%n", modelDir.getFileName(), model.provenance().dtype(),
                    model.plan().device().isGpu() ? "CUDA" : "CPU", topic, variant, plan.clauses().size(),
                    plan.candidates().size(), prompts.size(), plan.pairs());
            out.flush();
            warmUp(model, plan);
            double[] with = new double[repeats];
            double[] without = new double[repeats];
            Attribution cachedResult = null;
            Attribution plainResult = null;
            for (int r = 0; r < repeats; r++) {
                model.usePrefixCache(true);
                long t0 = System.nanoTime();
                cachedResult = service.run(plan, uncached, AttributionService.Listener.NONE, new CancellationToken());
                with[r] = (System.nanoTime() - t0) / 1e9;
                model.usePrefixCache(false);
                t0 = System.nanoTime();
                plainResult = service.run(plan, uncached, AttributionService.Listener.NONE, new CancellationToken());
                without[r] = (System.nanoTime() - t0) / 1e9;
                model.usePrefixCache(true);
            }
            Report report = new Report(plan.pairs(), median(with), median(without), best(with), best(without),
                    maxDelta(cachedResult, plainResult));
            out.printf(Locale.US, "with the prefix cache: %.2f s, %.1f pairs/s (best of %d: %.2f s, %.1f pairs/s)%n",
                    report.withSeconds(), report.withPairsPerSecond(), repeats, report.withBest(),
                    report.pairs() / report.withBest());
            out.printf(Locale.US, "without it: %.2f s, %.1f pairs/s (best of %d: %.2f s, %.1f pairs/s)%n",
                    report.withoutSeconds(), report.withoutPairsPerSecond(), repeats, report.withoutBest(),
                    report.pairs() / report.withoutBest());
            out.printf(Locale.US, "prefix cache: %.2f× faster (best against best: %.2f×); max |Δp| between the two"
                    + " %.1e%n", report.withoutSeconds() / report.withSeconds(), report.withoutBest() / report.withBest(),
                    report.maxDelta());
            out.flush();
            return report;
        }
    }

    /** Libtorch's first batches are slow (allocation, kernel choice): one short call of each kind first. */
    private static void warmUp(FollowIrScorer model, AttributionPlan plan) {
        List<Candidate> few = plan.candidates().stream().limit(2)
                .map(d -> new Candidate(d.docId(), d.title(), d.text())).toList();
        model.score(plan.query(), plan.instruction(), few, ScoreListener.NONE, new CancellationToken());
        model.usePrefixCache(false);
        model.score(plan.query(), plan.instruction(), few, ScoreListener.NONE, new CancellationToken());
        model.usePrefixCache(true);
    }

    private static double maxDelta(Attribution a, Attribution b) {
        double max = 0;
        for (int i = 0; i < a.documents().size(); i++) {
            DocumentAttribution x = a.documents().get(i);
            DocumentAttribution y = b.documents().get(i);
            max = Math.max(max, Math.abs(x.pFull() - y.pFull()));
            max = Math.max(max, Math.abs(x.pQueryAlone() - y.pQueryAlone()));
            for (int k = 0; k < x.pWithout().size(); k++) {
                max = Math.max(max, Math.abs(x.pWithout().get(k) - y.pWithout().get(k)));
            }
        }
        return max;
    }

    private static double best(double[] times) {
        return Arrays.stream(times).min().orElseThrow();
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The scorer, with its scores kept out of the score cache: every run scores every pair. */
    private static final class Uncached implements Scorer {
        private final Scorer inner;

        Uncached(Scorer inner) {
            this.inner = inner;
        }

        @Override
        public Provenance provenance() {
            return inner.provenance();
        }

        @Override
        public boolean cacheable() {
            return false;
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
                ScoreListener listener, CancellationToken cancel) {
            return inner.score(query, instruction, candidates, listener, cancel);
        }

        @Override
        public void close() {
        }
    }
}
