package org.relevanceworkbench.attribution;

import java.time.Duration;
import java.util.Locale;

/**
 * What an attribution costs before it runs: the (instruction, document) pairs it needs, how many the score cache
 * already has, and so how many the scorer must compute.
 */
public record Cost(int pairs, int cached) {
    public Cost {
        if (cached < 0 || cached > pairs) {
            throw new IllegalArgumentException(cached + " cached of " + pairs + " pairs");
        }
    }

    public int toScore() {
        return pairs - cached;
    }

    /** How long scoring what is missing takes at {@code docsPerSecond}; null when that rate is not known (≤ 0). */
    public Duration eta(double docsPerSecond) {
        if (!(docsPerSecond > 0)) {
            return null;
        }
        return Duration.ofMillis(Math.round(toScore() / docsPerSecond * 1000));
    }

    /** "340 pairs: 40 in the cache, 300 to score, about 1 min 15 s at 4.0 docs/s" (the rate when known). */
    public String describe(double docsPerSecond) {
        String text = String.format(Locale.US, "%,d pairs: %,d in the cache, %,d to score", pairs, cached, toScore());
        Duration eta = eta(docsPerSecond);
        if (eta != null && toScore() > 0) {
            text += String.format(Locale.US, ", about %s at %.1f docs/s", human(eta), docsPerSecond);
        }
        return text;
    }

    /** 45 s, 3 min 5 s, 2 h 10 min. */
    static String human(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
    }
}
