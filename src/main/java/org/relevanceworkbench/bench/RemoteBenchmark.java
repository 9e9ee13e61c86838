package org.relevanceworkbench.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.FollowIrTokenizer;
import org.relevanceworkbench.model.SpecialTokenMode;
import org.relevanceworkbench.remote.RemoteScorer;
import org.relevanceworkbench.remote.ServerOptions;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;

/**
 * What the server client alone can push: prompts of a given length scored through {@link RemoteScorer} against an
 * in-process vLLM pooling server that answers at once ({@link ZeroLatencyVllm}), so that tokenizing, writing JSON,
 * HTTP and reading the answers are all that is timed. Tokenizing alone is timed too, on the same prompts. One
 * H100 serving FollowIR-7B does about 80 prompts of 512 tokens a second, so a client well above that is never the
 * bottleneck of a pool of GPUs.
 */
public final class RemoteBenchmark {
    static final String QUERY = "What movies were directed by James Cameron?";
    static final String INSTRUCTION = "A relevant document would describe any movie that was directed by James Cameron";

    public record Report(int prompts, double meanTokens, double tokenizeSeconds, double scoreSeconds) {
        public double tokenizePerSecond() {
            return prompts / tokenizeSeconds;
        }

        public double promptsPerSecond() {
            return prompts / scoreSeconds;
        }
    }

    private final Path tokenizerDir;
    private final int prompts;
    private final int promptTokens;
    private final int batchSize;
    private final int maxInFlight;
    private final int repeats;
    private final PrintWriter out;

    public RemoteBenchmark(Path tokenizerDir, int prompts, int promptTokens, int batchSize, int maxInFlight,
            int repeats, PrintWriter out) {
        this.tokenizerDir = tokenizerDir;
        this.prompts = prompts;
        this.promptTokens = promptTokens;
        this.batchSize = batchSize;
        this.maxInFlight = maxInFlight;
        this.repeats = repeats;
        this.out = out;
    }

    public Report run() throws Exception {
        List<Candidate> docs;
        double meanTokens;
        double tokenize;
        try (FollowIrTokenizer tokenizer = FollowIrTokenizer.load(tokenizerDir)) {
            docs = documents(tokenizer);
            List<FollowIrTokenizer.Document> texts = docs.stream()
                    .map(d -> new FollowIrTokenizer.Document(d.title(), d.text())).toList();
            int[] lengths = new int[docs.size()];
            double[] one = new double[repeats];
            double[] all = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < docs.size(); i++) {
                    lengths[i] = tokenizer.encode(QUERY, INSTRUCTION, docs.get(i).title(), docs.get(i).text(),
                            FollowIrTokenizer.DEFAULT_MAX_LENGTH, SpecialTokenMode.CONTROL).nTokens();
                }
                one[r] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                tokenizer.encodeAll(QUERY, INSTRUCTION, texts, FollowIrTokenizer.DEFAULT_MAX_LENGTH,
                        SpecialTokenMode.CONTROL);
                all[r] = (System.nanoTime() - start) / 1e9;
            }
            meanTokens = Arrays.stream(lengths).average().orElse(0);
            tokenize = median(all);
            out.printf(Locale.US, "tokenize one by one: %,.0f prompts/s of %.0f tokens, %,.0f tokens/s (1 thread)%n",
                    docs.size() / median(one), meanTokens, docs.size() * meanTokens / median(one));
            out.printf(Locale.US, "tokenize on all cores: %,.0f prompts/s, %,.0f tokens/s%n",
                    docs.size() / tokenize, docs.size() * meanTokens / tokenize);
        }
        try (ZeroLatencyVllm server = new ZeroLatencyVllm(Math.max(2, maxInFlight));
                RemoteScorer remote = RemoteScorer.connect(tokenizerDir, FollowIrTokenizer.DEFAULT_MAX_LENGTH,
                        SpecialTokenMode.CONTROL, ServerOptions.of(List.of(server.url())).withBatchSize(batchSize)
                                .withMaxInFlight(maxInFlight), note -> out.println("note: " + note))) {
            remote.score(QUERY, INSTRUCTION, docs.subList(0, Math.min(docs.size(), 4 * batchSize)), (b, d, t) -> { },
                    new CancellationToken()); // warm up the connections and the JIT
            double[] times = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                List<DocumentScore> scores = remote.score(QUERY, INSTRUCTION, docs, (b, d, t) -> { },
                        new CancellationToken());
                times[r] = (System.nanoTime() - start) / 1e9;
                if (scores.size() != docs.size()) {
                    throw new IllegalStateException("scored " + scores.size() + " of " + docs.size());
                }
            }
            double score = median(times);
            out.printf(Locale.US, "client: %,d prompts in %.2f s: %,.0f prompts/s, %,.0f tokens/s (batches of %d,"
                    + " up to %d in flight, the server answering at once)%n", docs.size(), score, docs.size() / score,
                    docs.size() * meanTokens / score, batchSize, maxInFlight);
            return new Report(docs.size(), meanTokens, tokenize, score);
        }
    }

    /** Documents whose prompts come to about {@code promptTokens} tokens, each one different. */
    private List<Candidate> documents(FollowIrTokenizer tokenizer) {
        SyntheticCorpus corpus = new SyntheticCorpus(50_000, 16_000, 2026);
        String sample = corpus.text(0);
        int low = 0;
        int high = sample.length();
        while (low < high) { // the longest start of the sample whose prompt stays within promptTokens
            int mid = (low + high + 1) / 2;
            if (tokenizer.encode(QUERY, INSTRUCTION, null, sample.substring(0, mid), Integer.MAX_VALUE,
                    SpecialTokenMode.CONTROL).nTokens() <= promptTokens) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        List<Candidate> out = new ArrayList<>(prompts);
        for (int i = 0; i < prompts; i++) {
            String text = corpus.text(i);
            out.add(new Candidate("d" + i, null, text.substring(0, Math.min(text.length(), low))));
        }
        return out;
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
