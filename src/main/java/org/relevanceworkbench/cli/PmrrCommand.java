package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.eval.PmrrFiles;
import org.relevanceworkbench.eval.OgEffectiveness;
import org.relevanceworkbench.eval.PmrrInputs;
import org.relevanceworkbench.eval.PmrrResult;
import org.relevanceworkbench.eval.PmrrTopic;
import org.relevanceworkbench.eval.PmrrWorkspace;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.TopicDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "pmrr", description = {
    "FollowIR's p-MRR: how well a run follows a changed instruction.",
    "As MTEB's evaluate_change: how far the run moves the documents whose grade",
    "the changed instruction changed. Positive: they moved down, as the changed",
    "instruction asks; 0: they stayed; negative: they moved up.",
    "Ranks: score descending, ties by document id descending; a document missing",
    "from a run ranks one below its last. Mean per topic, then over the topics",
    "with changed documents.",
    "",
    "Files:      pmrr --og-run FILE --changed-run FILE",
    "                 --og-qrels FILE --changed-qrels FILE",
    "            TREC runs; TREC or BEIR qrels; a query id like 301-og or",
    "            301-changed counts for that variant only.",
    "Workspace:  pmrr --collection C --og-run NAME --changed-run NAME",
    "",
    "Output: with -q a line per topic, then the mean; fields are separated by",
    "two spaces:",
    "  p-MRR  301  0.1250 (12.50 ×100)  3 changed documents",
    "  p-MRR  all  0.0625 (6.25 ×100)  2 topics, 5 changed documents",
    ""})
final class PmrrCommand implements Callable<Integer> {
    @ParentCommand
    Cli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--og-run", required = true, paramLabel = "FILE|NAME",
            description = "run under the original instruction: a TREC run file, or a workspace run's name")
    String ogRun;

    @Option(names = "--changed-run", required = true, paramLabel = "FILE|NAME",
            description = "run under the changed instruction: a TREC run file, or a workspace run's name")
    String changedRun;

    @Option(names = "--og-qrels", paramLabel = "FILE", description = "files: qrels of the original instruction")
    Path ogQrels;

    @Option(names = "--changed-qrels", paramLabel = "FILE", description = "files: qrels of the changed instruction")
    Path changedQrels;

    @Option(names = "--collection", paramLabel = "NAME", description = "workspace: the collection of runs and qrels")
    String collection;

    @Option(names = "--og-variant", paramLabel = "NAME",
            description = "workspace: variant of the og run's rows and qrels (default og)")
    String ogVariant;

    @Option(names = "--changed-variant", paramLabel = "NAME",
            description = "workspace: variant of the changed run's rows and qrels (default changed)")
    String changedVariant;

    @Option(names = "--qrels-source", paramLabel = "NAME",
            description = "workspace: qrels set to use (default imported)")
    String qrelsSource;

    @Option(names = {"-q", "--per-query"}, description = "print a line per topic before the mean")
    boolean perQuery;

    @Override
    public Integer call() {
        PmrrInputs inputs = collection != null ? fromWorkspace() : fromFiles();
        PmrrResult result = inputs.pMrr();
        if (result.isEmpty()) {
            throw new UserException("no document of the og qrels has another grade in the changed qrels; "
                    + "p-MRR has nothing to measure");
        }
        print(result);
        OgEffectiveness og = inputs.ogEffectiveness();
        spec.commandLine().getOut().println(String.format(Locale.US, "og run on og qrels: MAP %.4f, nDCG@5 %.4f (%d topics)",
                og.map(), og.ndcgAt5(), og.topics()));
        return Cli.OK;
    }

    private PmrrInputs fromFiles() {
        if (ogQrels == null || changedQrels == null) {
            throw new ParameterException(spec.commandLine(),
                    "give --og-qrels and --changed-qrels (run files) or --collection (workspace runs)");
        }
        if (ogVariant != null || changedVariant != null || qrelsSource != null) {
            throw new ParameterException(spec.commandLine(),
                    "--og-variant, --changed-variant and --qrels-source need --collection");
        }
        String og = TopicDao.BASELINE;
        String changed = "changed";
        return new PmrrInputs(PmrrFiles.qrels(ogQrels, og), PmrrFiles.qrels(changedQrels, changed),
                PmrrFiles.run(Path.of(ogRun), og), PmrrFiles.run(Path.of(changedRun), changed));
    }

    private PmrrInputs fromWorkspace() {
        if (ogQrels != null || changedQrels != null) {
            throw new ParameterException(spec.commandLine(),
                    "--og-qrels and --changed-qrels read files; with --collection the qrels come from the workspace");
        }
        try (Database db = parent.openDatabase()) {
            return new PmrrWorkspace(db).inputs(new PmrrWorkspace.Request(collection, ogRun, changedRun,
                    ogVariant == null ? TopicDao.BASELINE : ogVariant,
                    changedVariant == null ? "changed" : changedVariant,
                    qrelsSource == null ? QrelDao.IMPORTED : qrelsSource));
        }
    }

    private void print(PmrrResult result) {
        PrintWriter err = spec.commandLine().getErr();
        for (String topic : result.topicsWithoutChangedQrels()) {
            err.println("warning: topic " + topic + " is not in the changed qrels; its graded documents count as "
                    + "changed to grade 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        for (PmrrTopic t : result.topics()) {
            if (t.ogRunSize() == 0 || t.changedRunSize() == 0) {
                String runs = t.ogRunSize() > 0 ? "the changed run ranks no"
                        : t.changedRunSize() > 0 ? "the og run ranks no" : "neither run ranks a";
                err.println("warning: " + runs + " document of topic " + t.topicId()
                        + "; its changed documents rank 1 there");
            }
            if (perQuery) {
                out.println(line(t.topicId(), t.value()) + "  " + t.documents().size() + " changed document"
                        + (t.documents().size() == 1 ? "" : "s"));
            }
        }
        out.println(line("all", result.value()) + "  " + result.topics().size() + " topic"
                + (result.topics().size() == 1 ? "" : "s") + ", " + result.changedDocuments() + " changed document"
                + (result.changedDocuments() == 1 ? "" : "s"));
        err.flush();
    }

    private static String line(String topic, double value) {
        return String.format(Locale.US, "p-MRR  %s  %.4f (%.2f ×100)", topic, value, value * 100);
    }
}
