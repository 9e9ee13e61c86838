package org.relevanceworkbench.remote;

/**
 * What probing one server found.
 *
 * @param url         the base URL
 * @param engine      {@code vLLM}, {@code SGLang}, {@code llama.cpp}, or {@code OpenAI-compatible} when it does not say
 * @param version     the engine's version or build, null when it does not say
 * @param route       the protocol chosen: {@code vllm-classify}, {@code sglang-score} or {@code openai-completions}
 * @param modelId     the model id the server reports (and is asked for), null when it reports none
 * @param maxModelLen the longest prompt it takes, in tokens, null when it does not say
 * @param dtype       the precision it reports, null when it does not say
 * @param testPTrue   p(true) of the probe's one test pair (the model card's James Cameron question)
 * @param exact       whether that test score is exact (false: a top-k list lacked "true" or "false")
 * @param latencyMillis how long the test pair took, round trip
 * @param note        what the probe decided that a user should know (a fallback route, say), or null
 */
public record ServerInfo(String url, String engine, String version, String route, String modelId,
        Integer maxModelLen, String dtype, double testPTrue, boolean exact, long latencyMillis, String note) {

    /** For example {@code vLLM 0.11.0}. */
    public String engineAndVersion() {
        return version == null ? engine : engine + " " + version;
    }
}
