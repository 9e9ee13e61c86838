package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relevanceworkbench.eval.EvalOptions;
import org.relevanceworkbench.eval.TrecEval;
import org.relevanceworkbench.eval.TrecMeasures;

/**
 * trec_eval's own test suite (src/test/resources/trec_eval, from usnistgov/trec_eval's test folder): each command
 * of its Makefile's quicktest, run through {@code eval}, must print every expected row whose measure we implement,
 * with the same text, in the same order, and nothing else. Rows of measures we do not implement are listed on
 * standard output; a required measure among them fails the test.
 */
class TrecEvalFixtureTest {
    static final Path DIR = Path.of("src/test/resources/trec_eval");
    static final List<String> CUTOFFS = List.of("5", "10", "15", "20", "30", "100", "200", "500", "1000");
    static final List<String> REQUIRED = required();

    final CliRunner cli = new CliRunner();

    static List<String> required() {
        List<String> names = new ArrayList<>(List.of("runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map",
                "ndcg", "recip_rank", "Rprec", "bpref"));
        for (String k : CUTOFFS) {
            names.add("P_" + k);
            names.add("recall_" + k);
            names.add("ndcg_cut_" + k);
        }
        return List.copyOf(names);
    }

    static Stream<Arguments> trecEvalCommands() {
        return Stream.of(
                Arguments.of("out.test", List.of("qrels.test", "results.test")),
                Arguments.of("out.test", List.of("qrels.test.with-comments", "results.test")),
                Arguments.of("out.comment.test", List.of("qrels.comment.test", "results.comment.test")),
                Arguments.of("out.test.a", List.of("-m", "all_trec", "qrels.test", "results.test")),
                Arguments.of("out.test.aq", List.of("-m", "all_trec", "-q", "qrels.test", "results.test")),
                Arguments.of("out.test.aqc", List.of("-m", "all_trec", "-q", "-c", "qrels.test", "results.trunc")),
                Arguments.of("out.test.aqcM",
                        List.of("-m", "all_trec", "-q", "-c", "-M100", "qrels.test", "results.trunc")),
                Arguments.of("out.test.aql",
                        List.of("-m", "all_trec", "-mrelstring.20", "-q", "-l2", "qrels.rel_level", "results.test")));
    }

    @ParameterizedTest(name = "{0} from trec_eval {1}")
    @MethodSource("trecEvalCommands")
    void printsEveryImplementedRowOfTrecEvalsExpectedOutputVerbatim(String expectedFile, List<String> trecEvalArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("eval"));
        for (String arg : trecEvalArgs) {
            args.add(Files.exists(DIR.resolve(arg)) ? DIR.resolve(arg).toString() : arg);
        }
        CliRunner.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();

        List<String> expected = Files.readAllLines(DIR.resolve(expectedFile));
        List<String> implemented = new ArrayList<>();
        Set<String> skippedNames = new TreeSet<>();
        for (String row : expected) {
            String name = row.substring(0, row.indexOf('\t')).trim();
            if (TrecMeasures.forValueName(name).isPresent()) {
                implemented.add(row);
            } else {
                skippedNames.add(name);
            }
        }
        long skippedRows = expected.size() - implemented.size();
        System.out.printf("%s: %d of %d rows compared; skipped (measure not implemented): %s%n", expectedFile,
                implemented.size(), expected.size(), skippedNames.isEmpty() ? "none" : skippedNames + ", " + skippedRows
                        + " rows");

        assertThat(skippedNames).as("required measures must not be skipped").doesNotContainAnyElementsOf(REQUIRED);
        assertThat(r.out().lines().toList()).as("our rows, in order, against trec_eval's")
                .containsExactlyElementsOf(implemented);
        assertThat(r.out()).endsWith("\n");
    }

    @Test
    void allTrecAndTheDefaultSelectTheRequiredMeasures() {
        List<String> allTrec = TrecEval.valueNames(EvalOptions.DEFAULT.withMeasures("all_trec"));
        assertThat(allTrec).containsAll(REQUIRED);
        assertThat(TrecEval.valueNames(EvalOptions.DEFAULT)).containsExactly("runid", "num_q", "num_ret", "num_rel",
                "num_rel_ret", "map", "gm_map", "Rprec", "bpref", "recip_rank", "iprec_at_recall_0.00",
                "iprec_at_recall_0.10", "iprec_at_recall_0.20", "iprec_at_recall_0.30", "iprec_at_recall_0.40",
                "iprec_at_recall_0.50", "iprec_at_recall_0.60", "iprec_at_recall_0.70", "iprec_at_recall_0.80",
                "iprec_at_recall_0.90", "iprec_at_recall_1.00", "P_5", "P_10", "P_15", "P_20", "P_30", "P_100",
                "P_200", "P_500", "P_1000");
        for (String name : REQUIRED) {
            assertThat(TrecMeasures.forValueName(name)).as(name).isPresent();
        }
    }
}
