package org.relevanceworkbench.model;

/**
 * A FollowIR prompt as text, with where the document field sits in it, so that the tokenizer can tell the
 * document's tokens from the template's (for truncation and for showing what the model saw).
 *
 * @param text          the full prompt, starting with the template's literal {@code <s>}
 * @param documentStart index (UTF-16 chars) in {@code text} where the document field begins
 * @param documentEnd   index (UTF-16 chars, exclusive) where it ends
 */
public record RenderedPrompt(String text, int documentStart, int documentEnd) {
    public RenderedPrompt {
        if (documentStart < 0 || documentStart > documentEnd || documentEnd > text.length()) {
            throw new IllegalArgumentException("document range " + documentStart + ".." + documentEnd
                    + " outside a prompt of " + text.length() + " chars");
        }
    }

    /** The document field itself ({@code title + " " + text}, or the text alone). */
    public String document() {
        return text.substring(documentStart, documentEnd);
    }
}
