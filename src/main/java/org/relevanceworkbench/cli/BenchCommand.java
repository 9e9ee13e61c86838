package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relevanceworkbench.bench.AttributionBenchmark;
import org.relevanceworkbench.bench.ModelBenchmark;
import org.relevanceworkbench.bench.RemoteBenchmark;
import org.relevanceworkbench.bench.StoreBenchmark;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.model.TensorType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks: the store (import, BM25), the FollowIR scorer, attribution, the server client.",
        subcommands = {BenchCommand.Store.class, BenchCommand.Ui.class, BenchCommand.Model.class,
            BenchCommand.Attribute.class, BenchCommand.Remote.class})
final class BenchCommand {

    /** Deletes a folder the benchmark made for itself. */
    static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Command(name = "store", description = {
        "Benchmark the store on synthetic documents, in its own databases in --work-dir, never the workspace:",
        "per size, the bare engine (INSERTs + one FTS5 rebuild) against the whole import command (a child java,",
        "JVM start included) with its heap; at the largest size BM25 top-100 latency (fast path and FTS5 MATCH),",
        "the workspace's hot paths, and scores/s of a topics x candidates x 2 variants run into the store."})
    static final class Store implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--sizes", split = ",", paramLabel = "N,N,…", description = "documents per size "
                + "(default 5000,50000,500000)")
        List<Integer> sizes;

        @Option(names = "--docs", paramLabel = "N", description = "one size only (same as --sizes N)")
        Integer docs;

        @Option(names = "--doc-bytes", defaultValue = "1000", description = "bytes per document (default ${DEFAULT-VALUE})")
        int docBytes;

        @Option(names = "--queries", defaultValue = "200", description = "queries per latency set (default ${DEFAULT-VALUE})")
        int queries;

        @Option(names = "--plain-queries", defaultValue = "20",
                description = "of those, run through FTS5 MATCH too and compared (default ${DEFAULT-VALUE})")
        int plainQueries;

        @Option(names = "--topics", defaultValue = "100", description = "topics of the scores run (default ${DEFAULT-VALUE})")
        int topics;

        @Option(names = "--candidates", defaultValue = "1000",
                description = "candidates per topic of the scores run (default ${DEFAULT-VALUE})")
        int candidates;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "where to put the benchmark databases "
                + "(default: a temporary folder, deleted afterwards)")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            List<Integer> chosen = docs != null ? List.of(docs) : sizes != null ? sizes : List.of(5000, 50000, 500000);
            if (chosen.isEmpty() || chosen.stream().anyMatch(n -> n < 1)) {
                throw new org.relevanceworkbench.common.UserException("sizes must be positive");
            }
            boolean temporary = workDir == null;
            Path dir = temporary ? Files.createTempDirectory("rw-bench") : workDir;
            PrintWriter out = spec.commandLine().getOut();
            try {
                new StoreBenchmark(new StoreBenchmark.Options(chosen, docBytes, queries, Math.min(plainQueries, queries),
                        topics, candidates, dir), out).run();
                return Cli.OK;
            } finally {
                if (temporary) {
                    deleteTree(dir);
                }
            }
        }
    }

    @Command(name = "ui", description = {
        "Benchmark the window: with --db, the time from opening that workspace to its collection and topic lists;",
        "then a comparison of --documents x --variants fed --pairs scores in batches as a run streams them, with the",
        "longest gap between two FX pulses, and a filter and a sort of the full table. Needs a display:",
        "on a server, xvfb-run -a java -jar relevance-workbench.jar bench ui"})
    static final class Ui implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--documents", defaultValue = "10000", description = "documents compared (default ${DEFAULT-VALUE})")
        int documents;

        @Option(names = "--variants", defaultValue = "4", description = "variants compared (default ${DEFAULT-VALUE})")
        int variants;

        @Option(names = "--pairs", defaultValue = "100000", description = "scores streamed in (default ${DEFAULT-VALUE})")
        long pairs;

        @Option(names = "--batch", defaultValue = "64", description = "scores per batch (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--pause-us", defaultValue = "500",
                description = "pause between batches in µs: 500 hands over 128,000 scores/s (default ${DEFAULT-VALUE})")
        int pauseMicros;

        @Override
        public Integer call() throws Exception {
            if (documents < 2 || variants < 2 || pairs < 1 || batch < 1) {
                throw new org.relevanceworkbench.common.UserException("give at least 2 documents and 2 variants");
            }
            Cli root = (Cli) spec.root().userObject();
            boolean given = false;
            for (picocli.CommandLine.ParseResult pr = spec.root().commandLine().getParseResult(); pr != null;
                    pr = pr.subcommand()) {
                given |= pr.hasMatchedOption("--db");
            }
            return root.uiBench().run(new Cli.UiBenchRequest(given ? root.db : null, documents, variants, pairs, batch,
                    Math.max(0, pauseMicros)), spec.commandLine().getOut());
        }
    }

    @Command(name = "model", description = {
        "Benchmark the FollowIR scorer: prefill tokens/s per batch size, FLOP/s against libtorch's GEMM,",
        "and the prefix KV cache. Without --model it writes a random checkpoint of the given size",
        "(default: hidden 512, 4 layers, 8 heads, 2 kv heads, intermediate 1376)."})
    static final class Model implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchModelOptions bench;

        @Option(names = "--random-weights", defaultValue = "F32", paramLabel = "F32|BF16",
                description = "dtype of the random checkpoint's file (BF16 halves a 7B's 29 GB)")
        TensorType randomWeights;

        @Option(names = "--doc-tokens", defaultValue = "512", description = "tokens per document (default ${DEFAULT-VALUE})")
        int docTokens;

        @Option(names = "--prefix-tokens", defaultValue = "160",
                description = "tokens the documents share in the prefix-cache test (default ${DEFAULT-VALUE})")
        int prefixTokens;

        @Option(names = "--batch-sizes", split = ",", defaultValue = "1,2,4,8", paramLabel = "N,N,…")
        int[] batchSizes;

        @Option(names = "--repeats", defaultValue = "5", description = "timed runs per figure (the median is kept)")
        int repeats;

        @Override
        public Integer call() throws Exception {
            if (prefixTokens >= docTokens) {
                throw new org.relevanceworkbench.common.UserException("--prefix-tokens must be less than --doc-tokens");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path dir = bench.model;
            Path temporary = null;
            if (dir == null) {
                temporary = Files.createTempDirectory("rw-model-bench");
                dir = bench.writeRandom(temporary, randomWeights);
            }
            try {
                new ModelBenchmark(dir, bench.plan(), docTokens, prefixTokens, batchSizes, Math.max(1, repeats), out).run();
                return Cli.OK;
            } finally {
                if (temporary != null) {
                    deleteTree(temporary);
                }
            }
        }
    }

    @Command(name = "attribute", description = {
        "Benchmark an attribution: pairs/s of a trec-mini topic's leave-one-out over BM25 candidates, with the",
        "prefix KV cache and without it, the score cache bypassed. Without --model it writes a random checkpoint of",
        "the given size (default: hidden 512, 4 layers, 8 heads, 2 kv heads, intermediate 1376) and takes its",
        "tokenizer from --tokenizer (e.g. src/test/resources/mistral-tokenizer)."})
    static final class Attribute implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BenchModelOptions bench;

        @Option(names = "--tokenizer", paramLabel = "DIR",
                description = "a folder with tokenizer.json (and tokenizer_config.json) for the random checkpoint")
        Path tokenizer;

        @Option(names = "--topic", defaultValue = "101", description = "the trec-mini topic (default ${DEFAULT-VALUE})")
        String topic;

        @Option(names = "--variant", defaultValue = "changed",
                description = "its variant (default ${DEFAULT-VALUE}: 6 clauses for topic 101)")
        String variant;

        @Option(names = "--candidates", defaultValue = "16", paramLabel = "N",
                description = "BM25's top N (default ${DEFAULT-VALUE})")
        int candidates;

        @Option(names = "--repeats", defaultValue = "3", description = "timed runs of each (the median is kept)")
        int repeats;

        @Override
        public Integer call() throws Exception {
            if (bench.model == null && tokenizer == null) {
                throw new org.relevanceworkbench.common.UserException("give --model DIR, or --tokenizer DIR for a "
                        + "random checkpoint (e.g. src/test/resources/mistral-tokenizer)");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path temporary = Files.createTempDirectory("rw-attribution-bench");
            try {
                Path dir = bench.model;
                if (dir == null) {
                    dir = bench.writeRandom(temporary, TensorType.F32);
                    for (String name : new String[] {"tokenizer.json", "tokenizer_config.json",
                        "special_tokens_map.json"}) {
                        if (Files.isRegularFile(tokenizer.resolve(name))) {
                            Files.copy(tokenizer.resolve(name), dir.resolve(name));
                        }
                    }
                }
                ScorerOptions options = bench.scorerOptions();
                out.printf(Locale.US, "%d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                new AttributionBenchmark(dir, options, temporary, topic, variant, candidates, Math.max(1, repeats),
                        out).run();
                return Cli.OK;
            } finally {
                deleteTree(temporary);
            }
        }
    }

    @Command(name = "remote", description = {
        "Benchmark the server client alone: prompts/s through tokenizing, JSON and HTTP against an in-process",
        "vLLM pooling server that answers at once; and tokenizing alone. --model is any folder with a tokenizer.json."})
    static final class Remote implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "a folder with tokenizer.json")
        Path model;

        @Option(names = "--prompts", defaultValue = "20000", description = "prompts per run (default ${DEFAULT-VALUE})")
        int prompts;

        @Option(names = "--prompt-tokens", defaultValue = "512",
                description = "tokens per prompt, about (default ${DEFAULT-VALUE})")
        int promptTokens;

        @Option(names = "--server-batch", defaultValue = "32", description = "prompts per request (default ${DEFAULT-VALUE})")
        int batchSize;

        @Option(names = "--max-in-flight", defaultValue = "16", description = "requests in flight (default ${DEFAULT-VALUE})")
        int maxInFlight;

        @Option(names = "--repeats", defaultValue = "3", description = "timed runs (the median is kept)")
        int repeats;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.US, "%d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            new RemoteBenchmark(model, prompts, promptTokens, batchSize, maxInFlight, Math.max(1, repeats), out).run();
            return Cli.OK;
        }
    }
}
