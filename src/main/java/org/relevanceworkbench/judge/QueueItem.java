package org.relevanceworkbench.judge;

import org.relevanceworkbench.store.Document;

/** One document of a judging queue, with the model's p(true) as a suggestion (null when blind or unscored). */
public record QueueItem(Document document, Double pTrue) {
    public String docId() {
        return document.docId();
    }
}
