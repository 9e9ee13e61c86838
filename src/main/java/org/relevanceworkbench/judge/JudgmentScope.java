package org.relevanceworkbench.judge;

import org.relevanceworkbench.store.Judgment;

/** Which judgments of a collection count: one topic and/or one variant, or all (null means any). */
public record JudgmentScope(String topicId, String variant) {
    public static final JudgmentScope ALL = new JudgmentScope(null, null);

    public boolean includes(Judgment j) {
        return (topicId == null || topicId.equals(j.topicId())) && (variant == null || variant.equals(j.variant()));
    }

    /** "topic 301, variant changed", "all topics and variants"…: for messages. */
    public String describe() {
        if (topicId == null && variant == null) {
            return "all topics and variants";
        }
        return (topicId == null ? "all topics" : "topic " + topicId) + ", "
                + (variant == null ? "all variants" : "variant " + variant);
    }
}
