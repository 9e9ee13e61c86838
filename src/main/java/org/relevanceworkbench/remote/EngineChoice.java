package org.relevanceworkbench.remote;

import java.util.Locale;
import org.relevanceworkbench.common.UserException;

/** Which protocol to speak to a server: found out from the server ({@code auto}), or named by the user. */
public enum EngineChoice {
    /** Ask the server's info routes and pick the best route it has. */
    AUTO,
    /** vLLM's pooling route, {@code POST /classify}; vLLM serving a generative model falls back to completions. */
    VLLM,
    /** SGLang's {@code POST /v1/score}. */
    SGLANG,
    /** Any OpenAI-compatible {@code POST /v1/completions} with logprobs (llama.cpp, TGI, others). */
    OPENAI;

    /** Parses {@code auto}, {@code vllm}, {@code sglang} or {@code openai}, in any case. */
    public static EngineChoice parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserException("--engine must be auto, vllm, sglang or openai, not '" + text + "'");
        }
    }
}
