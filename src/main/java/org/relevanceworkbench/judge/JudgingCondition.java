package org.relevanceworkbench.judge;

import org.relevanceworkbench.store.Judgment;

/**
 * The condition an assessor chooses to judge under, as LLM-assisted judging studies compare them. Each judgment
 * records the one it was really made under ({@link JudgingSession#condition}): a document without a model score is
 * judged blind whatever was chosen, since nothing could be shown.
 */
public enum JudgingCondition {
    /** The model's p(true) shown beside the document. */
    SUGGESTED(Judgment.Condition.SUGGESTED),
    /** Nothing of the model shown, and the queue shuffled so that no ranking shows either: {@link QueueOrder#BLIND}. */
    BLIND(Judgment.Condition.BLIND),
    /** The model's label pre-selected, the assessor confirming or changing it. */
    POST_EDIT(Judgment.Condition.POST_EDIT);

    private final String kind;

    JudgingCondition(String kind) {
        this.kind = kind;
    }

    /** What a judgment made under this condition stores as its kind ({@code suggested}, {@code blind}, {@code post-edit}). */
    public String kind() {
        return kind;
    }
}
