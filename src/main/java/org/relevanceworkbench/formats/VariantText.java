package org.relevanceworkbench.formats;

/** A named instruction read with a topic; a null instruction only declares that the variant exists. */
public record VariantText(String name, String instruction) {
}
