package org.relevanceworkbench.formats;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits TREC's SGML and loose XML into tags and text, one line at a time, without ever
 * refusing input: a {@code <} that does not open well-formed markup is text, so a stray
 * {@code a<b} in a document cannot hide the {@code </DOC>} after it. Tags, comments and CDATA
 * may span lines; one that is still open after {@link #MAX_MARKUP_CHARS} or at the end of the
 * input was not markup after all, and its characters are scanned again, for tags only: a
 * comment inside them would risk rescanning the same characters over and over.
 */
final class MarkupScanner {
    /** Receives the pieces in order; {@code line} is where each piece starts. */
    interface Handler {
        /** {@code name} is upper-cased; a self-closing tag is followed by its end tag. */
        void startTag(String name, String attributes, long line) throws Exception;

        void endTag(String name, long line) throws Exception;

        /** Entities decoded (CDATA taken as is); comments and declarations arrive as a single space. */
        void text(String text, long line) throws Exception;

        /** The end of a line outside markup; {@code blank} when the line held nothing but whitespace. */
        void lineBreak(boolean blank, long line) throws Exception;
    }

    static final int MAX_MARKUP_CHARS = 1 << 16;

    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([\\p{Alpha}_:][-\\w:.]*)\\s*(?:=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'<>=`]+)))?");

    private enum State { TEXT, TAG, DECLARATION, COMMENT, CDATA }

    private final Handler handler;
    private State state = State.TEXT;
    /** The open tag, comment or CDATA section from its {@code <}, lines joined by {@code \n}. */
    private final StringBuilder markup = new StringBuilder();
    private long markupLine;
    private boolean rescanning;

    MarkupScanner(Handler handler) {
        this.handler = handler;
    }

    void line(String line, long number) throws Exception {
        scan(line, number, true, true);
        while (state != State.TEXT && markup.length() > MAX_MARKUP_CHARS) {
            rescanAsText();
        }
    }

    /** The input ended: markup still open was text. */
    void end() throws Exception {
        while (state != State.TEXT) {
            rescanAsText();
        }
    }

    /** Forgets open markup, after a line that could not be decoded. */
    void reset() {
        state = State.TEXT;
        markup.setLength(0);
    }

    /** The value of attribute {@code name} (any case) in a tag's attribute text, entities decoded; null when absent. */
    static String attribute(String attributes, String name) {
        Matcher m = ATTRIBUTE.matcher(attributes);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                return value == null ? "" : Entities.decode(value);
            }
        }
        return null;
    }

    private void scan(String s, long number, boolean wholeLine, boolean lineEnds) throws Exception {
        boolean blank = wholeLine && state == State.TEXT && s.isBlank();
        int i = 0;
        int textStart = 0;
        while (i < s.length()) {
            if (state == State.TEXT) {
                int lt = s.indexOf('<', i);
                if (lt < 0) {
                    break;
                }
                State opened = opening(s, lt);
                if (opened == null) {
                    i = lt + 1;
                    continue;
                }
                text(s.substring(textStart, lt), number);
                state = opened;
                markupLine = number;
                markup.setLength(0);
                i = lt + (opened == State.COMMENT ? 4 : opened == State.CDATA ? 9 : 2);
                markup.append(s, lt, i);
                continue;
            }
            int end = closing(s, i);
            if (end < 0) {
                markup.append(s, i, s.length());
                i = s.length();
            } else if (s.charAt(end) == '<') {
                // a tag cannot contain '<': what we took for one was text
                markup.append(s, i, end);
                rescanAsText();
                i = end;
            } else {
                markup.append(s, i, end + 1);
                i = end + 1;
                emitMarkup();
            }
            textStart = i;
        }
        if (state == State.TEXT) {
            text(s.substring(textStart), number);
            if (lineEnds) {
                handler.lineBreak(blank, number);
            }
        } else if (lineEnds) {
            markup.append('\n');
        }
    }

    /** What the {@code <} at {@code lt} opens, or null when it is a plain character. */
    private State opening(String s, int lt) {
        if (!rescanning && s.startsWith("<!--", lt)) {
            return State.COMMENT;
        }
        if (!rescanning && s.startsWith("<![CDATA[", lt)) {
            return State.CDATA;
        }
        char next = lt + 1 < s.length() ? s.charAt(lt + 1) : ' ';
        char after = lt + 2 < s.length() ? s.charAt(lt + 2) : ' ';
        if (isNameStart(next) || next == '/' && isNameStart(after)) {
            return State.TAG;
        }
        if ((next == '!' || next == '?') && isNameStart(after)) {
            return State.DECLARATION;
        }
        return null;
    }

    /** Index of the last character of the open markup's terminator in {@code s}, of a '<' that ends a tag early, or -1. */
    private int closing(String s, int from) {
        switch (state) {
            case COMMENT:
                int comment = s.indexOf("-->", from);
                return comment < 0 ? -1 : comment + 2;
            case CDATA:
                int cdata = s.indexOf("]]>", from);
                return cdata < 0 ? -1 : cdata + 2;
            default:
                for (int i = from; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '>' || c == '<') {
                        return i;
                    }
                }
                return -1;
        }
    }

    private void emitMarkup() throws Exception {
        State kind = state;
        String held = markup.toString();
        state = State.TEXT;
        markup.setLength(0);
        switch (kind) {
            case CDATA -> handler.text(held.substring(9, held.length() - 3), markupLine);
            case TAG -> emitTag(held.substring(1, held.length() - 1));
            default -> handler.text(" ", markupLine);
        }
    }

    private void emitTag(String body) throws Exception {
        boolean closing = body.startsWith("/");
        int nameStart = closing ? 1 : 0;
        int nameEnd = nameStart;
        while (nameEnd < body.length() && isNameChar(body.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = body.substring(nameStart, nameEnd).toUpperCase(Locale.ROOT);
        if (closing) {
            handler.endTag(name, markupLine);
            return;
        }
        boolean selfClosing = body.endsWith("/");
        handler.startTag(name, body.substring(nameEnd, body.length() - (selfClosing ? 1 : 0)), markupLine);
        if (selfClosing) {
            handler.endTag(name, markupLine);
        }
    }

    /**
     * Gives back the open markup's characters after its {@code <} for scanning again; they were
     * read line by line, so each held line gets its own line number and line break. A tag holds
     * no '<', so this recurses at most once more, for a tag opened inside an abandoned comment.
     */
    private void rescanAsText() throws Exception {
        String held = markup.toString();
        long first = markupLine;
        boolean outer = rescanning;
        reset();
        rescanning = true;
        handler.text("<", first);
        String[] lines = held.substring(1).split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            scan(lines[k], first + k, k > 0, k < lines.length - 1);
        }
        rescanning = outer;
    }

    private void text(String raw, long line) throws Exception {
        if (!raw.isEmpty()) {
            handler.text(Entities.decode(raw), line);
        }
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':';
    }
}
