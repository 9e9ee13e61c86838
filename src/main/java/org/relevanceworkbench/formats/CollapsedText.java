package org.relevanceworkbench.formats;

/**
 * Text as judges read it: runs of whitespace become one space, paragraph breaks become one
 * blank line, and nothing leads or trails. Built as the pieces stream in, so a document's
 * layout whitespace is never held in memory.
 */
final class CollapsedText {
    private final StringBuilder out = new StringBuilder();
    private boolean space;
    private boolean paragraph;

    void append(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
                continue;
            }
            if (out.length() > 0 && (paragraph || space)) {
                out.append(paragraph ? "\n\n" : " ");
            }
            space = false;
            paragraph = false;
            out.append(c);
        }
    }

    void space() {
        space = true;
    }

    void paragraph() {
        paragraph = true;
    }

    boolean isEmpty() {
        return out.length() == 0;
    }

    /** Paragraphs separated by a blank line. */
    String text() {
        return out.toString();
    }

    /** All on one line, for titles, ids and fields. */
    String flat() {
        return out.toString().replace("\n\n", " ");
    }
}
