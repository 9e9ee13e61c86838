package org.relevanceworkbench.formats;

/** Why a record was skipped; the import summary counts records per kind. */
public enum ProblemKind {
    BAD_JSON("bad JSON"),
    MISSING_FIELD("missing field"),
    INVALID_UTF8("invalid UTF-8"),
    WRONG_COLUMNS("wrong column count"),
    UNTERMINATED("unterminated record"),
    DUPLICATE("duplicate id"),
    BAD_VALUE("bad value"),
    TOO_LONG("record too long"),
    UNKNOWN_TOPIC("unknown topic");

    private final String label;

    ProblemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
