package org.relevanceworkbench.remote;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (a uniform wait between 0 and base·2^(n−1), capped), as AWS's architecture
 * blog recommends so that many clients retrying at once spread out. A server's {@code Retry-After} wins over it.
 */
final class Backoff {
    static final Duration BASE = Duration.ofMillis(250);
    static final Duration CAP = Duration.ofSeconds(30);
    /** A Retry-After longer than this is taken as this: a run should not sleep for an hour on one header. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(5);

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The wait before attempt {@code failures + 1}, after {@code failures} failures in a row (≥ 1). */
    Duration after(int failures, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
        }
        int exponent = Math.min(Math.max(failures, 1) - 1, 20);
        long ceiling = Math.min(CAP.toNanos(), BASE.toNanos() << exponent);
        return Duration.ofNanos((long) (random.nextDouble() * ceiling));
    }
}
