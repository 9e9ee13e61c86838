package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.FollowIrTokenizer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.model.SpecialTokenMode;
import org.relevanceworkbench.remote.RemoteScorer;
import org.relevanceworkbench.scoring.Scorer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that runs FollowIR: the model folder, and either the local device, precision and
 * batches, or the servers to score on ({@link ServerFlags}). With servers the folder needs only its config and
 * tokenizer files: the ids are made here.
 */
final class ModelOptions {
    enum Device { auto, cpu, cuda }

    enum Dtype { auto, fp32, fp16 }

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "the model folder (e.g. what 'huggingface-cli download jhu-clsp/FollowIR-7B' gives);"
                    + " with --server, its tokenizer files are enough")
    Path model;

    @Mixin
    ServerFlags server;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
            description = "where to run (default ${DEFAULT-VALUE}: CUDA when a GPU is seen)")
    Device device;

    @Option(names = "--dtype", defaultValue = "auto", paramLabel = "auto|fp32|fp16",
            description = "precision (default ${DEFAULT-VALUE}: fp16 on CUDA, fp32 on CPU)")
    Dtype dtype;

    @Option(names = "--max-length", defaultValue = "" + FollowIrTokenizer.DEFAULT_MAX_LENGTH, paramLabel = "N",
            description = "longest prompt in tokens; longer documents lose their end (default ${DEFAULT-VALUE})")
    int maxLength;

    @Option(names = "--batch-size", defaultValue = "0", paramLabel = "N",
            description = "documents per batch at most (default: as many as --batch-tokens allows)")
    int batchSize;

    @Option(names = "--batch-tokens", defaultValue = "0", paramLabel = "N",
            description = "padded tokens per batch (default 2048 on CPU, 32768 on CUDA; halved on out-of-memory)")
    int batchTokens;

    @Option(names = "--plain-special-tokens", description = "encode <s>, </s> and the like inside documents as plain "
            + "text (a guard against prompt injection; the reference turns them into control tokens)")
    boolean plainSpecialTokens;

    ScorerOptions options() {
        return ScorerOptions.defaults()
                .withDevice(ScorerOptions.Choice.valueOf(device.name().toUpperCase(Locale.ROOT)))
                .withDtype(ScorerOptions.Choice.valueOf(dtype.name().toUpperCase(Locale.ROOT)))
                .withMaxLength(maxLength)
                .withBatch(batchTokens, batchSize)
                .withMode(plainSpecialTokens ? SpecialTokenMode.PLAIN : SpecialTokenMode.CONTROL);
    }

    /**
     * The scorer these options ask for: FollowIR-7B on the servers given, else loaded here. Says on standard error
     * what it scores with.
     */
    Scorer scorer(PrintWriter err) {
        if (!server.any()) {
            return load(err);
        }
        if (device != Device.auto || dtype != Dtype.auto || batchSize != 0 || batchTokens != 0) {
            throw new UserException("--device, --dtype, --batch-size and --batch-tokens apply to local scoring;"
                    + " with --server, the servers choose (--server-batch, --server-dtype)");
        }
        ScorerOptions o = options();
        RemoteScorer remote = RemoteScorer.connect(model, o.maxLength(), o.mode(), server.options(),
                ServerFlags.notesTo(err));
        err.println("scoring on " + remote.describe() + ", max length " + o.maxLength() + ", special tokens "
                + o.mode().provenanceName());
        err.flush();
        return remote;
    }

    /** Loads the model, showing bytes read on a terminal, and says what it runs on. */
    FollowIrScorer load(PrintWriter err) {
        boolean live = System.console() != null;
        FollowIrScorer scorer = FollowIrScorer.load(model, options(), (read, total) -> {
            if (live) {
                err.printf(Locale.US, "\r\033[Kloading %s: %,d / %,d MB", FollowIrScorer.displayName(model), read >> 20,
                        total >> 20);
                err.flush();
            }
        });
        if (live) {
            err.print("\r\033[K");
        }
        String device = scorer.plan().device().isGpu() ? "CUDA GPU " + scorer.plan().device().getDeviceId() : "CPU";
        err.println("model " + scorer.provenance().model() + " on " + device + ", "
                + scorer.provenance().dtype() + ", max length " + scorer.provenance().maxLength()
                + ", special tokens " + scorer.provenance().specialTokens());
        err.flush();
        return scorer;
    }
}
