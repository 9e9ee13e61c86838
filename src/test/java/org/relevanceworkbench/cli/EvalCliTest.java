package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} as a drop-in for trec_eval: its flags, its attached forms, its errors as one line and exit 1. */
class EvalCliTest {
    static final String QRELS = "src/test/resources/trec_eval/qrels.test";
    static final String RESULTS = "src/test/resources/trec_eval/results.test";

    final CliRunner cli = new CliRunner();

    @TempDir
    Path dir;

    @Test
    void isACommandOfTheCliAndNeedsNoWorkspace() {
        CliRunner.Result help = cli.run("--help");
        assertThat(help.out()).contains("eval");
        Path db = dir.resolve("never.db");
        CliRunner.Result r = cli.run("--db", db.toString(), "eval", QRELS, RESULTS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("runid                 \tall\tSTANDARD\nnum_q                 \tall\t3\n");
        assertThat(db).doesNotExist();
    }

    @Test
    void acceptsTrecEvalsAttachedAndClusteredOptions() {
        CliRunner.Result separate = cli.run("eval", "-q", "-c", "-M", "100", "-l", "2", "-m", "P.5,10", "-m",
                "relstring.20", "-m", "map", QRELS, RESULTS);
        CliRunner.Result attached = cli.run("eval", "-qc", "-M100", "-l2", "-mP.5,10", "-mrelstring.20", "-mmap",
                QRELS, RESULTS);
        assertThat(separate.exitCode()).as(separate.err()).isZero();
        assertThat(attached.out()).isEqualTo(separate.out());
        assertThat(separate.out()).contains("relstring_20          \t301\t'").contains("P_10                  \tall\t")
                .doesNotContain("P_15").doesNotContain("runid");
        CliRunner.Result longForms = cli.run("eval", "--query_eval_wanted", "--complete_rel_info_wanted",
                "--Max_retrieved_per_topic", "100", "--level_for_rel", "2", "--measure", "P.5,10", "--measure",
                "relstring.20", "--measure", "map", QRELS, RESULTS);
        assertThat(longForms.out()).isEqualTo(separate.out());
    }

    @Test
    void noSummaryPrintsOnlyTheQueries() {
        CliRunner.Result r = cli.run("eval", "-q", "-n", "-m", "map", QRELS, RESULTS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the per-query map rows of trec_eval's out.test.aq, without its 'all' row
        assertThat(r.out()).isEqualTo("map                   \t301\t0.0324\nmap                   \t302\t0.4175\n"
                + "map                   \t303\t0.0858\n");
    }

    @Test
    void aMalformedLineIsOneErrorLineWithFileAndLineAndExitOne() throws IOException {
        Path qrels = Files.writeString(dir.resolve("qrels.txt"), "1 0 a 1\n1 0 b\n");
        Path run = Files.writeString(dir.resolve("run.txt"), "1 Q0 a 1 0.5 r\n");
        CliRunner.Result r = cli.run("eval", qrels.toString(), run.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + qrels + ":2: expected 4 fields (topic iteration docno relevance), "
                + "found 3" + System.lineSeparator());

        Path badRun = Files.writeString(dir.resolve("bad.run"), "1 Q0 a 1 0.5 r\n1 Q0 b 2 x r\n");
        CliRunner.Result bad = cli.run("eval", QRELS, badRun.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("error: " + badRun + ":2: score 'x' is not a number" + System.lineSeparator());
    }

    @Test
    void otherBadInputFailsTheSameWay() throws IOException {
        Path twice = Files.writeString(dir.resolve("twice.run"), "301 Q0 a 1 0.5 r\n301 Q0 a 2 0.4 r\n");
        assertOneLineError(cli.run("eval", QRELS, twice.toString()),
                "error: " + twice + ":2: document a is retrieved twice for topic 301");
        assertOneLineError(cli.run("eval", "-m", "ndcg@10", QRELS, RESULTS), "error: illegal measure 'ndcg@10'");
        assertOneLineError(cli.run("eval", "-M0", QRELS, RESULTS), "error: -M must be at least 1, not 0");
        assertOneLineError(cli.run("eval", dir.resolve("absent").toString(), RESULTS),
                "error: " + dir.resolve("absent") + ": no such file");
        Path otherTopics = Files.writeString(dir.resolve("other.run"), "999 Q0 a 1 0.5 r\n");
        assertOneLineError(cli.run("eval", QRELS, otherTopics.toString()),
                "error: no queries with both results and relevance info");
    }

    private static void assertOneLineError(CliRunner.Result r, String start) {
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(start).doesNotContain("\tat ").doesNotContain("--verbose");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
