package org.relevanceworkbench.scoring;

/** A document to score; {@code title} may be null (then the text alone fills the prompt). */
public record Candidate(String id, String title, String text) {
}
