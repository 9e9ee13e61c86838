package org.relevanceworkbench.formats;

/** What a file holds; each CLI import command reads one kind. */
public enum RecordKind {
    DOCUMENTS("documents"),
    TOPICS("topics"),
    QRELS("qrels"),
    RUNS("runs");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
