package org.relevanceworkbench.eval;

import java.util.List;

/**
 * One topic's p-MRR: the mean of its changed documents' terms. The run sizes say how many documents
 * each run ranked for the topic (0 when a run lacks the topic; then every changed document ranks 1
 * there).
 */
public record PMrrTopic(String topicId, double value, List<PMrrDocument> documents, int ogRunSize,
        int changedRunSize) {

    public PMrrTopic {
        documents = List.copyOf(documents);
    }
}
