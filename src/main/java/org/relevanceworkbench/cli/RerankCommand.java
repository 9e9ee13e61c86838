package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RerankService;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.rerank.VariantResult;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rerank", description = {
    "Score a topic's candidates with FollowIR-7B under each instruction variant and store a run per variant.",
    "Scores already computed with the same model and settings come from the workspace's score cache."})
final class RerankCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--topic", required = true, paramLabel = "ID")
    String topic;

    @Option(names = "--variants", split = ",", paramLabel = "NAMES", description = "variants to score (default: all)")
    List<String> variants;

    @Option(names = "--candidates", defaultValue = "bm25:100", paramLabel = "SPEC",
            description = "bm25:K (BM25 top K of the topic's query), all, run:NAME or pool:K:RUN1,RUN2 (default ${DEFAULT-VALUE})")
    String candidates;

    @Option(names = "--run-name", defaultValue = RunName.FOLLOWIR_PREFIX, paramLabel = "PREFIX",
            description = "runs are named PREFIX + variant (default ${DEFAULT-VALUE})")
    String runPrefix;

    @Option(names = "--show", defaultValue = "10", paramLabel = "N", description = "print the top N of each variant")
    int show;

    @Mixin
    ModelOptions model;

    @Override
    protected int run(Database db) {
        CandidateSpec spec = CandidateSpec.parse(candidates);
        PrintWriter err = err();
        CancellationToken cancel = new CancellationToken();
        List<VariantResult> results;
        try (Scorer scorer = model.scorer(err)) {
            boolean live = System.console() != null;
            RerankService.Listener progress = new RerankService.Listener() {
                @Override
                public void progress(String variant, int done, int total) {
                    if (live) {
                        err.printf(Locale.US, "\r\033[K%s: %d / %d documents", variant, done, total);
                        err.flush();
                    }
                }
            };
            results = ImportSupport.withInterruptAsCancel(cancel, () -> new RerankService(db).rerank(collection, topic,
                    variants, spec, scorer, runPrefix, false, progress, cancel));
            if (live) {
                err.print("\r\033[K");
            }
        }
        PrintWriter out = out();
        for (VariantResult r : results) {
            out.printf(Locale.US, "%s: %d candidates (%d from the cache, %d scored) → run '%s'%n", r.variant(),
                    r.candidates(), r.fromCache(), r.scored(), r.runName());
            for (RunScore s : r.ranking().subList(0, Math.min(show, r.ranking().size()))) {
                out.printf(Locale.US, "%4d  %-28s p=%.6f%s%n", s.rank(), s.docId(), s.score(),
                        Boolean.TRUE.equals(s.truncated()) ? "  (truncated)" : "");
            }
        }
        return Cli.OK;
    }
}
