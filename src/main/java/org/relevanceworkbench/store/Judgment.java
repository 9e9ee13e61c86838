package org.relevanceworkbench.store;

/**
 * One assessor's grade for a document under one topic variant, with a note, the time it took, and the condition it
 * was made under.
 *
 * @param condition the judging condition, null when it was not recorded (judgments from before schema 5, or
 *                  entered without a session): see {@link Condition}
 */
public record Judgment(String assessor, String topicId, String variant, String docId, int grade, String note,
        double secondsSpent, String judgedAt, Condition condition) {

    /**
     * How a judgment was made, as LLM-assisted judging studies compare it.
     *
     * @param kind        {@link #SUGGESTED} (the model's p(true) shown), {@link #BLIND} (nothing shown) or
     *                    {@link #POST_EDIT} (the model's label pre-selected, the assessor confirming or changing it)
     * @param suggestedP  the p(true) the assessor saw, null when none
     * @param queueOrder  the queue's order ({@code model-score}, {@code uncertainty}, {@code collection}, {@code blind})
     * @param appVersion  the app that recorded it
     */
    public record Condition(String kind, Double suggestedP, String queueOrder, String appVersion) {
        public static final String SUGGESTED = "suggested";
        public static final String BLIND = "blind";
        public static final String POST_EDIT = "post-edit";
    }

    /** A judgment without a recorded condition. */
    public Judgment(String assessor, String topicId, String variant, String docId, int grade, String note,
            double secondsSpent, String judgedAt) {
        this(assessor, topicId, variant, docId, grade, note, secondsSpent, judgedAt, null);
    }

    /** The condition's kind, or {@code unrecorded}. */
    public String conditionKind() {
        return condition == null ? "unrecorded" : condition.kind();
    }
}
