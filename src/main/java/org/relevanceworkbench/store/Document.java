package org.relevanceworkbench.store;

/**
 * A stored document. {@code docId} is the external id (unique within its collection),
 * {@code title} may be null, {@code fieldsJson} holds the source's other fields as a JSON object
 * (or null).
 */
public record Document(long row, String docId, String title, String text, String fieldsJson) {
    /** How much of an untitled document's text stands in for its title. */
    public static final int SNIPPET_CHARS = 80;

    /**
     * What a list shows as this document's title: the title, or for untitled passages (MS MARCO, say) the start of
     * the text, white space folded, cut at a word boundary where one falls in the second half and marked with …
     */
    public String titleOrSnippet() {
        if (title != null && !title.isBlank()) {
            return title;
        }
        String folded = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (folded.length() <= SNIPPET_CHARS) {
            return folded;
        }
        int cut = folded.lastIndexOf(' ', SNIPPET_CHARS);
        return folded.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + "…";
    }
}
