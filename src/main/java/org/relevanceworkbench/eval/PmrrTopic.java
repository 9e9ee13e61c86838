package org.relevanceworkbench.eval;

import java.util.List;

/**
 * One topic's p-MRR: the mean of its changed documents' terms. The run sizes say how many documents
 * each run ranked for the topic (0 when a run lacks the topic; then every changed document ranks 1
 * there).
 */
public record PmrrTopic(String topicId, double value, List<PmrrDocument> documents, int ogRunSize,
        int changedRunSize) {

    public PmrrTopic {
        documents = List.copyOf(documents);
    }
}
