package org.relevanceworkbench.remote;

import java.util.List;

/**
 * One engine protocol that turns prompts (token ids, made on the client) into FollowIR verdicts: what to POST where,
 * and how to read the answer. A route checks every answer against what it asked (count, indices, the model) and
 * reports anything else as a {@link ServerFailure}, so a broken or confused server never yields a wrong score.
 */
interface Route {
    /** The route's name in provenance and the cache key: {@code vllm-classify}, {@code sglang-score}, … */
    String name();

    /** The path after the server's base URL. */
    String path();

    /** Prompts one request may carry. */
    int maxPrompts();

    /** Tokens the server must have room for beyond the prompt (1 for a route that generates a token). */
    default int extraTokens() {
        return 0;
    }

    /** The request body for these prompts. */
    byte[] request(String modelId, List<int[]> prompts);

    /** One verdict per prompt, in the prompts' order. */
    List<Verdict> read(HttpAnswer answer, String modelId, List<int[]> prompts) throws ServerFailure;
}
