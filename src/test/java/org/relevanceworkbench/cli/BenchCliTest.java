package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmarks run end to end on tiny inputs and report every figure (their timings are not judged here). */
class BenchCliTest {
    final CliRunner cli = new CliRunner();

    @Test
    void storeBenchmarkReportsImportAgainstTheBareEngineAndSearchLatency() {
        CliRunner.Result r = cli.run("bench", "store", "--sizes", "300,600", "--queries", "5", "--plain-queries", "5",
                "--topics", "3", "--candidates", "20");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("import: the whole command").containsPattern("\\s+300\\s+\\d+\\.\\d\\d ")
                .containsPattern("\\s+600\\s+\\d+\\.\\d\\d .*× .* MB .* MB")
                .containsPattern("mid-frequency terms: fast path median \\d+\\.\\d ms, p95 \\d+\\.\\d ms")
                .contains("identical hits 5 of 5").contains("fell back to MATCH: 0")
                .containsPattern("3 topics × 20 candidates × 2 variants = 120 scores .* scores/s")
                .contains("'list collections' command");
    }

    @Test
    void modelBenchmarkReportsThroughputGemmFractionAndAnExactPrefixCache() {
        CliRunner.Result r = cli.run("bench", "model", "--hidden", "32", "--layers", "1", "--heads", "4", "--kv-heads",
                "2", "--intermediate", "48", "--doc-tokens", "40", "--prefix-tokens", "12", "--batch-sizes", "1,3",
                "--repeats", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("prefill 1 docs × 40 tokens").contains("prefill 3 docs × 40 tokens")
                .containsPattern("libtorch GEMM on its shapes: [\\d.]+ GFLOP/s; fraction \\d+%");
        Matcher dp = Pattern.compile("max \\|Δp\\| ([\\d.eE+-]+)").matcher(r.out());
        assertThat(dp.find()).isTrue();
        assertThat(Double.parseDouble(dp.group(1))).as("the prefix cache changes no score").isLessThan(1e-5);
    }

    @Test
    void attributionBenchmarkReportsPairsPerSecondWithAndWithoutThePrefixCacheAndTheSameScores() {
        CliRunner.Result r = cli.run("bench", "attribute", "--tokenizer", "src/test/resources/mistral-tokenizer",
                "--hidden", "32", "--layers", "1", "--heads", "4", "--kv-heads", "2", "--intermediate", "48",
                "--candidates", "2", "--repeats", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trec-mini topic 101 'changed': 6 clauses, 2 candidates, 8 instruction texts, "
                + "16 pairs per attribution")
                .containsPattern("with the prefix cache: [\\d.]+ s, [\\d.]+ pairs/s \\(best of 1: ")
                .containsPattern("without it: [\\d.]+ s, [\\d.]+ pairs/s");
        Matcher dp = Pattern.compile("max \\|Δp\\| between the two ([\\d.eE+-]+)").matcher(r.out());
        assertThat(dp.find()).isTrue();
        assertThat(Double.parseDouble(dp.group(1))).as("the prefix cache changes no score").isLessThan(1e-5);
        assertThat(cli.run("bench", "attribute").err()).contains("give --model DIR, or --tokenizer DIR");
    }
}
