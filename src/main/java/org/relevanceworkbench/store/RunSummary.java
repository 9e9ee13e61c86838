package org.relevanceworkbench.store;

/** A run with how much it holds, as {@code list runs} shows it. */
public record RunSummary(Run run, long topics, long scores) {
}
