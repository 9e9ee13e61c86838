package org.relevanceworkbench.store;

/**
 * Everything a cached score depends on besides the document: the backend ({@code local}, or {@code server/} and its
 * route), the weights, the prompt template, the precision, the maximum length, the special-token mode and the query
 * text (as SHA-256).
 */
public record ScoreKey(String backend, String modelFingerprint, String templateHash, String dtype, int maxLength,
        String specialTokens, String querySha256) {
}
