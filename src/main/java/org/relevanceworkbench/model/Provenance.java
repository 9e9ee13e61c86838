package org.relevanceworkbench.model;

/**
 * What makes two sets of scores comparable: the same weights (fingerprint), prompt template,
 * precision, maximum length and special-token mode. Runs store it; the score cache keys on it.
 */
public record Provenance(String model, String fingerprint, String templateHash, String dtype, int maxLength,
        String specialTokens) {
}
