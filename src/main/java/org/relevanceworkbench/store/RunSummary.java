package org.relevanceworkbench.store;

/**
 * A run with how much it holds, as {@code list runs} shows it: topics, scores, and how many of those are approximate
 * (only bounded, from a top-k logprob list that lacked "true" or "false").
 */
public record RunSummary(Run run, long topics, long scores, long approximate) {
}
