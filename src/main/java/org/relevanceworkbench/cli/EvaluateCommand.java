package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.evaluate.EvaluateOutput;
import org.relevanceworkbench.evaluate.EvaluateReport;
import org.relevanceworkbench.evaluate.EvaluateRequest;
import org.relevanceworkbench.evaluate.EvaluateService;
import org.relevanceworkbench.evaluate.TopicOutcome;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.QrelDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", description = {
    "FollowIR's evaluation of a collection in one command: every topic with both variants is scored under og and",
    "changed, and D/og.run, D/changed.run, D/summary.json (p_mrr, og_map, og_ndcg_at_5, …) and D/per_topic.tsv",
    "are written. p-MRR and MAP are computed as the pmrr command computes them. Candidates: the topic's imported",
    "top_ranked run (FollowIR's protocol), else bm25:1000, unless --candidates. Resumes from the score cache."})
final class EvaluateCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--variants", split = ",", defaultValue = "og,changed", paramLabel = "OG,CHANGED",
            description = "the original and the changed instruction's variants (default ${DEFAULT-VALUE})")
    List<String> variants;

    @Option(names = "--candidates", paramLabel = "SPEC",
            description = "bm25:K, all, run:NAME or pool:K:R1,R2 for every topic (default: top_ranked, else bm25:1000)")
    String candidates;

    @Option(names = "--topics", split = ",", paramLabel = "ID,…", description = "only these topics")
    List<String> topics;

    @Option(names = "--run-name", defaultValue = RunName.FOLLOWIR_PREFIX, paramLabel = "PREFIX",
            description = "the runs are PREFIX + variant (default ${DEFAULT-VALUE})")
    String runPrefix;

    @Option(names = "--qrels-source", defaultValue = QrelDao.IMPORTED, paramLabel = "NAME",
            description = "whose qrels p-MRR and MAP read (default ${DEFAULT-VALUE})")
    String qrelsSource;

    @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "where the results go")
    Path outputDir;

    @Mixin
    ModelOptions model;

    @Override
    protected int run(Database db) {
        if (variants.size() != 2) {
            throw new org.relevanceworkbench.common.UserException("--variants takes two names, og and changed, not "
                    + String.join(",", variants));
        }
        EvaluateRequest request = new EvaluateRequest(collection, variants.get(0).strip(), variants.get(1).strip(),
                candidates == null ? null : CandidateSpec.parse(candidates), topics, runPrefix, qrelsSource, false);
        EvaluateService service = new EvaluateService(db);
        EvaluateService.Plan plan = service.plan(request); // checked before the model loads
        PrintWriter err = err();
        for (TopicOutcome t : plan.skipped()) {
            err.println("note: topic " + t.topicId() + " " + t.note() + "; left out");
        }
        err.printf(Locale.US, "%d topics, %,d pairs%n", plan.topics().size(), plan.pairs());
        err.flush();
        CancellationToken cancel = new CancellationToken();
        long started = System.nanoTime();
        EvaluateReport report;
        try (Scorer scorer = model.scorer(err)) {
            boolean live = System.console() != null;
            report = ImportSupport.withInterruptAsCancel(cancel, () -> service.run(request, plan, scorer,
                    new EvaluateService.Listener() {
                        @Override
                        public void progress(long done, long total, String topic, int position, int count) {
                            if (live) {
                                double seconds = (System.nanoTime() - started) / 1e9;
                                err.printf(Locale.US, "\r\033[Ktopic %d/%d (%s): %,d / %,d pairs, %.1f pairs/s",
                                        position, count, topic, done, total, done / Math.max(seconds, 1e-9));
                                err.flush();
                            }
                        }

                        @Override
                        public void topicDone(TopicOutcome t) {
                            err.printf(Locale.US, "%s%s: %d candidates (%s), %d pairs from the cache, %d scored%n",
                                    live ? "\r\033[K" : "", t.topicId(), t.documents(), t.candidates(), t.fromCache(),
                                    t.scored());
                            err.flush();
                        }
                    }, cancel));
        }
        EvaluateOutput.write(outputDir, report, db);
        PrintWriter out = out();
        if (report.pmrr().isEmpty()) {
            out.println("p-MRR: no topic has a document whose grade the changed instruction changes");
        } else {
            out.printf(Locale.US, "p-MRR %.4f (%.2f ×100) over %d topics with %d changed documents%n", report.pMrr(),
                    report.pMrr() * 100, report.pmrr().topics().size(), report.pmrr().changedDocuments());
        }
        if (report.og().topics() == 0) {
            out.println("og MAP and nDCG@5: no og qrels for the topics evaluated");
        } else {
            out.printf(Locale.US, "og MAP %.4f, og nDCG@5 %.4f (%d topics)%n", report.og().map(), report.og().ndcgAt5(),
                    report.og().topics());
        }
        out.printf(Locale.US, "%d topics, %,d pairs (%,d from the cache, %,d scored%s), %s%n", report.topics().size(),
                report.pairs(), report.fromCache(), report.scored(), report.approximate() == 0 ? ""
                        : ", " + report.approximate() + " approximate", report.provenance().backendKey());
        out.println("wrote " + outputDir.resolve(request.ogVariant() + ".run") + ", "
                + outputDir.resolve(request.changedVariant() + ".run") + ", " + outputDir.resolve("summary.json")
                + ", " + outputDir.resolve("per_topic.tsv"));
        return Cli.OK;
    }
}
