package org.relevanceworkbench.store;

/** One named instruction of a topic; position 0 is the baseline the others are compared with. */
public record Variant(String name, String instruction, int position) {
}
