package org.relevanceworkbench.formats;

import java.io.InputStream;
import java.util.Locale;

/**
 * Cuts a tagged file (TREC documents, classic and XML topics) into records, one element each,
 * and applies the rules these readers share: a record left open when the next one starts or the
 * file ends is reported and dropped, text between records is reported once per stretch, a line
 * that is not UTF-8 spoils the record it falls in, and no record may grow past a size cap.
 * Tags between records ({@code <topics>}, {@code <?xml?>}) are wrappers, not content.
 */
final class TaggedRecords<R> implements MarkupScanner.Handler {
    /**
     * What a reader's records look like. {@code tag} is as written in messages ({@code DOC},
     * {@code top}); {@code noun} names one record ("document").
     */
    record Shape(String tag, String noun, boolean sectionsEndAtNextTag) {
    }

    /** Turns one complete record into a record for the sink, or a problem. */
    @FunctionalInterface
    interface Finisher<R> {
        void finish(Location at, String attributes, RecordChildren children, RecordSink<R> sink) throws Exception;
    }

    private enum State { OUTSIDE, INSIDE, SKIPPING }

    private final Shape shape;
    private final String name;
    private final String file;
    private final RecordSink<R> sink;
    private final long maxChars;
    private final Finisher<R> finisher;

    private State state = State.OUTSIDE;
    private long start;
    private String attributes;
    private RecordChildren children;
    private long size;
    /** Whether the stretch between the last record and the next already has its problem. */
    private boolean strayReported;

    private TaggedRecords(Shape shape, SourceFile source, RecordSink<R> sink, long maxChars, Finisher<R> finisher) {
        this.shape = shape;
        this.name = shape.tag().toUpperCase(Locale.ROOT);
        this.file = source.name();
        this.sink = sink;
        this.maxChars = maxChars;
        this.finisher = finisher;
    }

    /**
     * Reads {@code source} through. {@code maxChars} caps the characters one record may hold; it
     * counts characters, not bytes, because that is what a record costs once decoded.
     */
    static <R> void read(Shape shape, SourceFile source, RecordSink<R> sink, long maxChars, Finisher<R> finisher)
            throws Exception {
        TaggedRecords<R> records = new TaggedRecords<>(shape, source, sink, maxChars, finisher);
        MarkupScanner scanner = new MarkupScanner(records);
        try (InputStream in = source.open(); LineReader lines = new LineReader(in)) {
            while (lines.next()) {
                if (lines.malformed() != null) {
                    records.undecodable(lines);
                    scanner.reset();
                } else {
                    scanner.line(lines.text(), lines.lineNumber());
                }
            }
            scanner.end();
            records.endOfFile();
        }
    }

    /** "64 MiB" for the real cap, the exact number for the small ones tests use. */
    static String describeSize(long chars) {
        return chars % (1 << 20) == 0 ? (chars >> 20) + " MiB" : chars + " characters";
    }

    @Override
    public void startTag(String tag, String attrs, long line) throws Exception {
        if (tag.equals(name)) {
            if (state == State.INSIDE) {
                unterminated("before line " + line);
            }
            begin(line, attrs);
        } else if (state == State.INSIDE && grow(tag.length() + attrs.length() + 2)) {
            children.startTag(tag);
        }
    }

    @Override
    public void endTag(String tag, long line) throws Exception {
        if (tag.equals(name)) {
            switch (state) {
                case INSIDE -> {
                    RecordChildren done = children;
                    leave();
                    finisher.finish(new Location(file, start), attributes, done, sink);
                }
                case SKIPPING -> leave();
                case OUTSIDE -> stray(line, "</" + shape.tag() + "> without a matching <" + shape.tag() + ">");
            }
        } else if (state == State.INSIDE && grow(tag.length() + 3)) {
            children.endTag(tag);
        }
    }

    @Override
    public void text(String text, long line) {
        if (state == State.OUTSIDE && !text.isBlank()) {
            stray(line, "text outside any <" + shape.tag() + "> element");
        } else if (state == State.INSIDE && grow(text.length())) {
            children.text(text);
        }
    }

    @Override
    public void lineBreak(boolean blank, long line) {
        if (state == State.INSIDE && grow(1)) {
            children.lineBreak(blank);
        }
    }

    private void undecodable(LineReader lines) {
        ProblemKind kind = lines.tooLong() ? ProblemKind.TOO_LONG : ProblemKind.INVALID_UTF8;
        Location at = new Location(file, lines.lineNumber());
        switch (state) {
            case INSIDE -> {
                sink.problem(at, kind, lines.malformed() + " (" + shape.noun() + " skipped)");
                skip();
            }
            case OUTSIDE -> {
                // it may well have held a whole record; either way it is the problem of its stretch
                sink.problem(at, kind, lines.malformed() + " (line skipped)");
                strayReported = true;
            }
            case SKIPPING -> {
            }
        }
    }

    private void endOfFile() {
        if (state == State.INSIDE) {
            unterminated("before the end of the file");
        }
    }

    private void begin(long line, String attrs) {
        state = State.INSIDE;
        start = line;
        attributes = attrs;
        children = new RecordChildren(shape.sectionsEndAtNextTag());
        size = attrs.length();
        strayReported = false;
    }

    private void leave() {
        state = State.OUTSIDE;
        children = null;
    }

    private void skip() {
        state = State.SKIPPING;
        children = null;
    }

    private boolean grow(int chars) {
        size += chars;
        if (size <= maxChars) {
            return true;
        }
        sink.problem(new Location(file, start), ProblemKind.TOO_LONG,
                shape.noun() + " longer than " + describeSize(maxChars) + " (" + shape.noun() + " skipped)");
        skip();
        return false;
    }

    private void unterminated(String where) {
        sink.problem(new Location(file, start), ProblemKind.UNTERMINATED,
                "unterminated <" + shape.tag() + "> (no </" + shape.tag() + "> " + where + ")");
    }

    private void stray(long line, String message) {
        if (!strayReported) {
            sink.problem(new Location(file, line), ProblemKind.BAD_VALUE, message);
            strayReported = true;
        }
    }
}
