package org.relevanceworkbench.judge;

import java.util.Locale;
import org.relevanceworkbench.common.UserException;

/**
 * The order a judging queue presents documents in. BLIND hides the model's scores and shuffles
 * with a seed, so that no suggestion (and no ranking) anchors the assessor.
 */
public enum QueueOrder {
    /** p(true) high to low: likely-relevant documents first. */
    MODEL_SCORE,
    /** |p − 0.5| ascending: the documents the model is least sure about first. */
    UNCERTAINTY,
    /** Import order of the collection. */
    COLLECTION,
    /** A seeded shuffle, with model scores hidden. */
    BLIND;

    public static QueueOrder parse(String name) {
        String key = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (QueueOrder order : values()) {
            if (order.name().equals(key)) {
                return order;
            }
        }
        throw new UserException("order must be model-score, uncertainty, collection or blind, not '" + name + "'");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean needsScores() {
        return this == MODEL_SCORE || this == UNCERTAINTY;
    }
}
