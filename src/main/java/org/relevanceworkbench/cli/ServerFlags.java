package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.remote.EngineChoice;
import org.relevanceworkbench.remote.ServerOptions;
import picocli.CommandLine.Option;

/** The options that send scoring to inference servers, shared by every command that scores. */
final class ServerFlags {
    @Option(names = "--server", paramLabel = "URL",
            description = "score on this server (vLLM, SGLang or OpenAI-compatible); repeat for several")
    List<String> servers;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|vllm|sglang|openai",
            description = "the servers' protocol (default ${DEFAULT-VALUE}: ask the server)")
    String engine;

    @Option(names = "--api-key-env", paramLabel = "NAME",
            description = "read the servers' API key from this environment variable (kept in memory only)")
    String apiKeyEnv;

    @Option(names = "--max-in-flight", defaultValue = "" + ServerOptions.DEFAULT_MAX_IN_FLIGHT, paramLabel = "N",
            description = "requests per server in flight at most; the pool adapts below it (default ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "longest wait for one answer before it is retried (default ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--server-batch", defaultValue = "" + ServerOptions.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "prompts per request (default ${DEFAULT-VALUE}; completions send one)")
    int batchSize;

    @Option(names = "--server-model", paramLabel = "ID",
            description = "the model id to ask for (default: the one the servers serve)")
    String modelId;

    @Option(names = "--server-dtype", paramLabel = "NAME",
            description = "the servers' precision, recorded and keyed in the score cache (default: as reported)")
    String dtype;

    boolean any() {
        return servers != null && !servers.isEmpty();
    }

    /** The options, with the key read from its environment variable (never from the command line itself). */
    ServerOptions options() {
        String key = null;
        if (apiKeyEnv != null) {
            key = System.getenv(apiKeyEnv);
            if (key == null || key.isEmpty()) {
                throw new UserException("--api-key-env " + apiKeyEnv + ": that environment variable is not set");
            }
        }
        if (!(timeoutSeconds > 0)) {
            throw new UserException("--timeout must be positive, not " + timeoutSeconds);
        }
        return new ServerOptions(ServerOptions.parseUrls(servers), EngineChoice.parse(engine), key, maxInFlight,
                Duration.ofMillis(Math.round(timeoutSeconds * 1000)), batchSize, modelId, dtype);
    }

    /** Prints what a note says on standard error, one line each. */
    static java.util.function.Consumer<String> notesTo(PrintWriter err) {
        return note -> {
            synchronized (err) {
                err.println("note: " + note);
                err.flush();
            }
        };
    }
}
