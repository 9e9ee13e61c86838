package org.relevanceworkbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relevanceworkbench.bench.StoreBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = {
    "Benchmark import and BM25 search on synthetic documents.",
    "Measures a bare SQLite INSERT + FTS5 rebuild, our import of the same documents (parse, validate,",
    "store, BM25 index) and BM25 top-100 latency, in its own databases in --work-dir, never the workspace."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--docs", defaultValue = "200000", description = "documents (default ${DEFAULT-VALUE})")
    int docs;

    @Option(names = "--doc-bytes", defaultValue = "1000", description = "bytes per document (default ${DEFAULT-VALUE})")
    int docBytes;

    @Option(names = "--queries", defaultValue = "200", description = "queries per latency set (default ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where to put the benchmark databases "
            + "(default: a temporary folder, deleted afterwards)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("rw-bench") : workDir;
        var out = spec.commandLine().getOut();
        out.printf(Locale.US, "%,d synthetic documents of %,d bytes, %d queries per set, %d cores, Java %s%n", docs,
                docBytes, queries, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try {
            StoreBenchmark.Report r = new StoreBenchmark(docs, docBytes, queries, dir, out).run();
            out.printf(Locale.US, "import / bare = %.2f%n", r.importToBareRatio());
            out.printf(Locale.US, "BM25 top-100, 2-4 mid-frequency terms: median %.1f ms, p95 %.1f ms%n",
                    StoreBenchmark.percentile(r.typicalMillis(), 50), StoreBenchmark.percentile(r.typicalMillis(), 95));
            out.printf(Locale.US, "BM25 top-100, 2-4 of the 20 most frequent terms: median %.1f ms, p95 %.1f ms%n",
                    StoreBenchmark.percentile(r.frequentMillis(), 50), StoreBenchmark.percentile(r.frequentMillis(), 95));
            return Cli.OK;
        } finally {
            if (temporary) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
