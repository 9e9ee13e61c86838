package org.relevanceworkbench.judge;

import org.relevanceworkbench.store.Judgment;

/**
 * Which judgments of a collection count: one topic, one variant and/or one judging condition ({@code suggested},
 * {@code blind}, {@code post-edit}, {@code unrecorded}), or all (null means any).
 */
public record JudgmentScope(String topicId, String variant, String condition) {
    public static final JudgmentScope ALL = new JudgmentScope(null, null, null);

    public JudgmentScope(String topicId, String variant) {
        this(topicId, variant, null);
    }

    /** This scope, narrowed to the judgments made under one condition. */
    public JudgmentScope under(String conditionKind) {
        return new JudgmentScope(topicId, variant, conditionKind);
    }

    public boolean includes(Judgment j) {
        return (topicId == null || topicId.equals(j.topicId())) && (variant == null || variant.equals(j.variant()))
                && (condition == null || condition.equals(j.conditionKind()));
    }

    /** "topic 301, variant changed", "all topics and variants, condition blind"…: for messages. */
    public String describe() {
        String where = topicId == null && variant == null ? "all topics and variants"
                : (topicId == null ? "all topics" : "topic " + topicId) + ", "
                        + (variant == null ? "all variants" : "variant " + variant);
        return condition == null ? where : where + ", condition " + condition;
    }
}
