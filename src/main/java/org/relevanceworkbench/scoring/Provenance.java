package org.relevanceworkbench.scoring;

import java.util.List;

/**
 * What makes two sets of scores comparable: the backend that computed them, the same weights (fingerprint), prompt
 * template, precision, maximum length and special-token mode. Runs store it; the score cache keys on it, so scores of
 * a server (fp16/bf16 on a GPU) never stand in for local fp32 scores or for another engine's.
 *
 * @param model         a display name: the model folder's name, or the model id a server reports
 * @param fingerprint   the weights' identity: a hash of the local checkpoint, or of the server's model id and the
 *                      client's tokenizer
 * @param backend       which backend computed the scores
 * @param server        for server scores, which engines and URLs; null otherwise
 */
public record Provenance(String model, String fingerprint, String templateHash, String dtype, int maxLength,
        String specialTokens, Backend backend, Server server) {

    /** The three kinds of scorer behind the seam. */
    public enum Backend {
        /** FollowIR-7B on DJL in this process. */
        LOCAL,
        /** FollowIR-7B on inference servers (vLLM, SGLang, an OpenAI-compatible engine), token ids made here. */
        SERVER,
        /** BM25 over query and instruction words: an instruction-blind baseline. */
        BM25
    }

    /**
     * The servers a score came from.
     *
     * @param route   the protocol: {@code vllm-classify}, {@code sglang-score} or {@code openai-completions}
     * @param engine  what the servers call themselves ({@code vLLM}, {@code SGLang}, {@code llama.cpp}, …)
     * @param version the engine's version, or null when it does not say
     * @param urls    the servers' base URLs (never with credentials)
     * @param modelId the model id the servers report
     */
    public record Server(String route, String engine, String version, List<String> urls, String modelId) {
        public Server {
            urls = List.copyOf(urls);
        }
    }

    /** A local or BM25 provenance (no server). */
    public Provenance(String model, String fingerprint, String templateHash, String dtype, int maxLength,
            String specialTokens, Backend backend) {
        this(model, fingerprint, templateHash, dtype, maxLength, specialTokens, backend, null);
    }

    /**
     * The backend as the score cache keys it: {@code local}, {@code bm25}, or {@code server/} and the route, so that
     * two engines' scores are never taken for each other.
     */
    public String backendKey() {
        return switch (backend) {
            case LOCAL -> "local";
            case BM25 -> "bm25";
            case SERVER -> "server/" + server.route();
        };
    }
}
