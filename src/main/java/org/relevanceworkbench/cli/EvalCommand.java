package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.eval.EvalOptions;
import org.relevanceworkbench.eval.EvalResult;
import org.relevanceworkbench.eval.Qrels;
import org.relevanceworkbench.eval.Results;
import org.relevanceworkbench.eval.TrecEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A drop-in for trec_eval: same flags (attached forms too: -M100, -l2, -mall_trec), same rows on standard output.
 * Needs no workspace.
 */
@Command(name = "eval", description = {
    "Evaluate a TREC results file against qrels exactly as trec_eval does, printing its rows.",
    "Default measures: trec_eval's 'official' set; -m all_trec for every measure; -m P.5,10 for cutoffs."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-q", "--query_eval_wanted"}, description = "also print each query's values, before 'all'")
    boolean perQuery;

    @Option(names = {"-c", "--complete_rel_info_wanted"},
            description = "evaluate every query of the qrels; a query without results scores 0")
    boolean complete;

    @Option(names = {"-n", "--nosummary"}, description = "do not print the 'all' rows")
    boolean noSummary;

    @Option(names = {"-M", "--Max_retrieved_per_topic"}, paramLabel = "N",
            description = "evaluate only the first N ranked documents of each query (default: all)")
    long maxResults = Long.MAX_VALUE;

    @Option(names = {"-l", "--level_for_rel"}, paramLabel = "N",
            description = "least grade counted relevant by binary measures (default ${DEFAULT-VALUE})")
    int relevanceLevel = 1;

    @Option(names = {"-N", "--Number_docs_in_coll"}, paramLabel = "N",
            description = "documents in the collection (utility's 4th coefficient only)")
    long numDocs;

    @Option(names = {"-m", "--measure"}, paramLabel = "MEASURE",
            description = "measure[.params] or official, set, all_trec; repeatable")
    List<String> measures = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "QRELS", description = "qrels file: topic iteration docno grade")
    Path qrels;

    @Parameters(index = "1", paramLabel = "RESULTS",
            description = "results file: topic Q0 docno rank score run (- for standard input)")
    String results;

    @Override
    public Integer call() throws Exception {
        if (maxResults < 1) {
            throw new UserException("-M must be at least 1, not " + maxResults);
        }
        EvalOptions options = new EvalOptions(relevanceLevel, maxResults, complete, numDocs, measures);
        Qrels judgments = Qrels.read(qrels);
        Results run = results.equals("-") ? Results.read(System.in, "(standard input)") : Results.read(Path.of(results));
        EvalResult result = TrecEval.evaluate(judgments, run, options, results.equals("-") ? "(standard input)" : results);
        PrintWriter out = spec.commandLine().getOut();
        for (String line : result.lines(perQuery, !noSummary)) {
            out.print(line);
        }
        out.flush();
        return Cli.OK;
    }
}
