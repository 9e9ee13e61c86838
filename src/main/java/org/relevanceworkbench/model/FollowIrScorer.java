package org.relevanceworkbench.model;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.Scorer;

/**
 * FollowIR-7B's p(true) for (query + instruction, document) pairs, as the model card computes it,
 * but faster: the prompt prefix all documents of a query share is run once (a token-exact prefix
 * KV cache), documents are batched by length so little padding is computed, only the two
 * lm_head rows of "false" and "true" are multiplied, batches shrink by half on out-of-memory, and
 * a cancel stops between batches. One instance owns the model; call it from one worker thread.
 */
public final class FollowIrScorer implements Scorer {
    /** Loading progress: bytes of weights read so far, of the total. */
    @FunctionalInterface
    public interface LoadListener {
        LoadListener NONE = (read, total) -> { };

        void loaded(long bytesRead, long totalBytes);
    }

    /** Runs one batch; the model's, unless a test stands in for it (to simulate running out of memory). */
    @FunctionalInterface
    interface BatchRunner {
        float[][] run(MistralModel.PrefixCache prefix, int[][] continuations);
    }

    private final NDManager root;
    private final FollowIrTokenizer tokenizer;
    private final MistralModel model;
    private final ScorerOptions options;
    private final Provenance provenance;
    private int batchTokens;
    private BatchRunner runner;
    private long weightBytes;
    private boolean prefixCache = true;
    private boolean closed;

    private FollowIrScorer(NDManager root, FollowIrTokenizer tokenizer, MistralModel model, ScorerOptions options,
            Provenance provenance, int batchTokens) {
        this.root = root;
        this.tokenizer = tokenizer;
        this.model = model;
        this.options = options;
        this.provenance = provenance;
        this.batchTokens = batchTokens;
        this.runner = model::headLogits;
    }

    /**
     * Whether the prompt prefix all documents of one {@link #score} call share is run once (the default) or again
     * with every document: the benchmarks' "without the prefix cache". Scores are the same either way.
     */
    public void usePrefixCache(boolean on) {
        prefixCache = on;
    }

    /** For tests: wraps the batch runner, e.g. to fail like a full GPU would. */
    void wrapRunner(java.util.function.UnaryOperator<BatchRunner> wrap) {
        runner = wrap.apply(runner);
    }

    public static FollowIrScorer load(Path modelDir, ScorerOptions options, LoadListener listener) {
        NDManager root = TorchEngine.newBaseManager(); // the first touch of libtorch: native failures become one line
        FollowIrTokenizer tokenizer = null;
        try (Checkpoint checkpoint = Checkpoint.open(modelDir)) {
            tokenizer = FollowIrTokenizer.load(modelDir);
            ComputePlan plan = plan(options, checkpoint);
            long total = checkpoint.weightBytes();
            LongConsumer progress = read -> listener.loaded(read, total);
            MistralWeights weights = MistralWeights.load(checkpoint, plan,
                    new int[] {tokenizer.falseId(), tokenizer.trueId()}, root, progress);
            MistralModel model = new MistralModel(checkpoint.config(), plan, weights, root);
            Provenance provenance = new Provenance(displayName(modelDir), checkpoint.fingerprint(),
                    FollowIrPrompt.templateHash(), plan.dtypeName(), options.maxLength(), options.mode().provenanceName(),
                    Provenance.Backend.LOCAL);
            int budget = options.batchTokens() > 0 ? options.batchTokens()
                    : plan.device().isGpu() ? ScorerOptions.GPU_BATCH_TOKENS : ScorerOptions.CPU_BATCH_TOKENS;
            FollowIrScorer scorer = new FollowIrScorer(root, tokenizer, model, options, provenance, budget);
            scorer.weightBytes = checkpoint.weightElements() * plan.weights().getNumOfBytes();
            return scorer;
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            root.close();
            throw e;
        }
    }

    /**
     * How people know a model folder: its name, or for a snapshot in the Hugging Face cache
     * ({@code models--jhu-clsp--FollowIR-7B/snapshots/7b4a2c1…}) the repository and the commit's first 7 characters
     * ({@code jhu-clsp/FollowIR-7B@7b4a2c1}), not the bare commit.
     */
    public static String displayName(Path modelDir) {
        Path dir = modelDir.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        Path repo = parent == null ? null : parent.getParent();
        if (parent != null && repo != null && repo.getFileName() != null && parent.getFileName().toString().equals("snapshots")
                && repo.getFileName().toString().startsWith("models--")) {
            String name = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
            String commit = dir.getFileName().toString();
            return name + "@" + commit.substring(0, Math.min(7, commit.length()));
        }
        return dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }

    /** Picks device and precision from the options, the GPUs DJL sees and the memory there is. */
    static ComputePlan plan(ScorerOptions options, Checkpoint checkpoint) {
        boolean gpu = switch (options.device()) {
            case CUDA -> {
                if (TorchEngine.gpuCount() == 0) {
                    TorchEngine.Natives natives = TorchEngine.Natives.probe();
                    throw new ModelException("--device cuda, but PyTorch sees no CUDA GPU: this build carries "
                            + natives.bundled() + " natives and this machine has " + natives.cuda()
                            + (natives.gpus() > 0 && natives.bundles().stream().allMatch(b -> b.flavor().startsWith("cpu"))
                            ? " (build with -Pcuda for the CUDA natives)" : ""));
                }
                yield true;
            }
            case CPU -> false;
            case AUTO -> TorchEngine.gpuCount() > 0;
            default -> throw new ModelException("--device must be auto, cpu or cuda");
        };
        Device device = gpu ? Device.gpu() : Device.cpu();
        return switch (options.dtype()) {
            case FP32 -> new ComputePlan(device, DataType.FLOAT32, DataType.FLOAT32);
            case FP16 -> new ComputePlan(device, DataType.FLOAT16, DataType.FLOAT16);
            case AUTO -> gpu ? new ComputePlan(device, DataType.FLOAT16, DataType.FLOAT16)
                    : fp32Fits(checkpoint) ? ComputePlan.cpuFp32()
                    : new ComputePlan(device, DataType.FLOAT16, DataType.FLOAT32);
            default -> throw new ModelException("--dtype must be auto, fp32 or fp16");
        };
    }

    /** fp32 copies of every weight within 60% of physical memory (7B: 29 GB, so not on 24 GB). */
    private static boolean fp32Fits(Checkpoint checkpoint) {
        long elements = checkpoint.weightBytes() / 2; // a conservative count: no weight is narrower than 2 bytes
        long fp32Bytes = elements * 4;
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return fp32Bytes < 0.6 * sun.getTotalMemorySize();
        }
        return true;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** For example {@code FollowIR-7B · CUDA · fp16 · 14.5 GB}. */
    @Override
    public String describe() {
        return String.format(java.util.Locale.US, "%s · %s · %s · %.1f GB", provenance.model(),
                plan().device().isGpu() ? "CUDA" : "CPU", provenance.dtype(), weightBytes / 1e9);
    }

    public ComputePlan plan() {
        return model.plan();
    }

    public FollowIrTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Scores every candidate for the query and instruction; returns the scores in the candidates'
     * order. Batches stream to {@code listener} as they finish; a cancel stops between batches
     * with a {@link org.relevanceworkbench.common.CancelledException}.
     */
    @Override
    public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
            ScoreListener listener, CancellationToken cancel) {
        int n = candidates.size();
        if (n == 0) {
            return List.of();
        }
        EncodedPrompt[] prompts = tokenizer.encodeCandidates(query, instruction, candidates, options.maxLength(),
                options.mode());
        int shared = prefixCache ? sharedPrefix(prompts) : 0;
        DocumentScore[] scores = new DocumentScore[n];
        Integer[] order = EncodedPrompt.shortestFirst(prompts);
        try (MistralModel.PrefixCache prefix = shared > 0 ? model.prefill(Arrays.copyOf(prompts[0].ids(), shared))
                : null) {
            int done = 0;
            int next = 0;
            while (next < n) {
                cancel.throwIfCancelled();
                int end = batchEnd(prompts, order, next, shared);
                List<DocumentScore> batch = scoreBatch(candidates, prompts, order, next, end, shared, prefix);
                if (batch == null) {
                    continue; // out of memory: the budget was halved, try again smaller
                }
                for (int k = next; k < end; k++) {
                    scores[order[k]] = batch.get(k - next);
                }
                done += end - next;
                next = end;
                listener.scored(batch, done, n);
            }
        }
        return List.of(scores);
    }

    /**
     * The logits {@code [false, true]} at the last position of each prompt, given as token ids: what an inference
     * server computes for a client that tokenizes itself (the protocol test servers serve these). Prompts are batched
     * as {@link #score} batches them, with their shared prefix run once.
     */
    public float[][] logitsOf(int[][] prompts) {
        if (prompts.length == 0) {
            return new float[0][];
        }
        for (int i = 0; i < prompts.length; i++) {
            if (prompts[i].length == 0) {
                throw new IllegalArgumentException("prompt " + i + " has no tokens");
            }
        }
        int shared = EncodedPrompt.sharedPrefix(Arrays.asList(prompts));
        int[][] continuations = new int[prompts.length][];
        for (int i = 0; i < prompts.length; i++) {
            continuations[i] = Arrays.copyOfRange(prompts[i], shared, prompts[i].length);
        }
        MistralModel.PrefixCache prefix = shared > 0 ? model.prefill(Arrays.copyOf(prompts[0], shared)) : null;
        try {
            return runner.run(prefix, continuations); // right-padded; each row is read at its own last token
        } finally {
            if (prefix != null) {
                prefix.close();
            }
        }
    }

    /** The longest token prefix of all prompts, leaving every prompt at least one token of its own. */
    static int sharedPrefix(EncodedPrompt[] prompts) {
        return EncodedPrompt.sharedPrefix(Arrays.stream(prompts).map(EncodedPrompt::ids).toList());
    }

    /** The end of a batch from {@code start} in sorted order: as many as fit the token budget, at least one. */
    private int batchEnd(EncodedPrompt[] prompts, Integer[] order, int start, int shared) {
        int end = start + 1;
        int cap = options.batchSize() > 0 ? options.batchSize() : Integer.MAX_VALUE;
        while (end < order.length && end - start < cap) {
            int longest = prompts[order[end]].nTokens() - shared; // sorted: the newest is the longest
            if ((long) (end - start + 1) * longest > batchTokens) {
                break;
            }
            end++;
        }
        return end;
    }

    private List<DocumentScore> scoreBatch(List<Candidate> candidates, EncodedPrompt[] prompts, Integer[] order,
            int start, int end, int shared, MistralModel.PrefixCache prefix) {
        int[][] continuations = new int[end - start][];
        for (int k = start; k < end; k++) {
            int[] ids = prompts[order[k]].ids();
            continuations[k - start] = Arrays.copyOfRange(ids, shared, ids.length);
        }
        float[][] logits;
        try {
            logits = runner.run(prefix, continuations);
        } catch (EngineException e) {
            if (!isOutOfMemory(e)) {
                throw e;
            }
            if (end - start == 1) {
                throw new ModelException("out of memory scoring one document of " + prompts[order[start]].nTokens()
                        + " tokens: lower --max-length", e);
            }
            batchTokens = Math.max(1, batchTokens / 2);
            return null;
        }
        List<DocumentScore> out = new ArrayList<>(end - start);
        for (int k = start; k < end; k++) {
            EncodedPrompt p = prompts[order[k]];
            float logitFalse = logits[k - start][0];
            float logitTrue = logits[k - start][1];
            out.add(new DocumentScore(candidates.get(order[k]).id(), DocumentScore.pTrue(logitTrue, logitFalse),
                    logitTrue, logitFalse, p.nTokens(), p.truncated()));
        }
        return out;
    }

    private static boolean isOutOfMemory(Throwable e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("out of memory") || message.contains("can't allocate memory")
                || message.contains("cannot allocate memory");
    }

    /** Arrays the engine holds for this scorer (weights, tables): constant between runs unless memory leaks. */
    public int liveArrays() {
        return ((ai.djl.ndarray.BaseNDManager) root).getManagedArrays().size();
    }

    /** Bytes the weights take on the device (what the status bar reports as the model's memory). */
    public long weightBytes() {
        return weightBytes;
    }

    /** The current padded-token budget of a batch (it halves after an out-of-memory error). */
    public int batchTokens() {
        return batchTokens;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        model.close();
        tokenizer.close();
        root.close();
    }
}
