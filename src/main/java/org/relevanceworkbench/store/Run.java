package org.relevanceworkbench.store;

/**
 * A run: one scorer's scores over topics, variants and their candidate documents, with the
 * provenance that makes two runs comparable (model fingerprint, prompt template hash, dtype,
 * maximum length, special-token mode). Provenance fields are null for imported runs.
 */
public record Run(long id, String name, String scorer, String modelFingerprint, String templateHash,
        String dtype, Integer maxLength, String specialTokens, String source, String createdAt) {

    /** The provenance of an imported run file. */
    public static Run imported(String name, String source) {
        return new Run(0, name, "imported", null, null, null, null, null, source, null);
    }
}
