package org.relevanceworkbench.formats;

/** One skipped record, shown to users as {@code file:line: message}. */
public record Problem(Location at, ProblemKind kind, String message) {
    @Override
    public String toString() {
        return at + ": " + message;
    }
}
