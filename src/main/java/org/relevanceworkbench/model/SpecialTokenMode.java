package org.relevanceworkbench.model;

import java.util.Locale;

/**
 * What the tokenizer does with special-token text ({@code <s>}, {@code </s>}, {@code <unk>}...) that appears in the
 * query, instruction or document. The template's own leading {@code <s>} is a BOS token in both modes.
 */
public enum SpecialTokenMode {
    /**
     * Fidelity (the default): exactly what Hugging Face's tokenizer does, and so what FollowIR-7B's reference code
     * feeds the model: {@code </s>} inside a document becomes the end-of-sequence control token.
     */
    CONTROL("control"),
    /**
     * Guard against prompt injection: special-token text is encoded as the ordinary characters it is made of, so a
     * document cannot end the instruction or start a new sequence. Identical to {@link #CONTROL} for any text that
     * holds no special-token text.
     */
    PLAIN("plain");

    private final String provenanceName;

    SpecialTokenMode(String provenanceName) {
        this.provenanceName = provenanceName;
    }

    /** The stable lower-case name recorded in run provenance ({@code run.special_tokens}); never rename. */
    public String provenanceName() {
        return provenanceName;
    }

    /** The mode recorded under {@code name} (as written by {@link #provenanceName()}, any case). */
    public static SpecialTokenMode fromProvenanceName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (SpecialTokenMode mode : values()) {
            if (mode.provenanceName.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown special-token mode \"" + name + "\"; expected control or plain");
    }
}
