package org.relevanceworkbench.remote;

/**
 * One server of the pool as it stands: whether it still takes work, its requests in flight and its current adaptive
 * limit, what it has done, and its last trouble (null if none).
 */
public record ServerStatus(String url, boolean active, int inFlight, int limit, long requests, long prompts,
        long failures, String lastProblem) {
}
