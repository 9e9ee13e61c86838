package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines as bytes and decodes each one strictly as UTF-8, so that one line of invalid
 * UTF-8 spoils that record only (a Reader would either throw for the whole file or silently
 * replace characters). Strips a leading byte-order mark and a trailing CR, and refuses lines
 * longer than {@link #MAX_LINE_BYTES} instead of running out of memory on a binary file.
 */
public final class LineReader implements AutoCloseable {
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int lineLength;
    private long lineNumber;
    private boolean eof;
    private boolean firstLine = true;
    private boolean tooLong;
    private String text;
    private String malformed;
    private final StrictUtf8 utf8 = new StrictUtf8();

    public LineReader(InputStream in) {
        this.in = in;
    }

    /** What a line-per-record reader does with each decoded, non-blank line. */
    @FunctionalInterface
    interface LineHandler<R> {
        void handle(String line, Location at, RecordSink<R> sink) throws Exception;
    }

    /**
     * Opens {@code source} and hands each non-blank line to {@code handler}; a line that is not
     * valid UTF-8 (or is too long) becomes a problem of its own record instead.
     */
    static <R> void forEachLine(SourceFile source, RecordSink<R> sink, LineHandler<R> handler) throws Exception {
        try (LineReader lines = new LineReader(source.open())) {
            while (lines.next()) {
                Location at = new Location(source.name(), lines.lineNumber());
                if (lines.malformed() != null) {
                    sink.problem(at, lines.tooLong() ? ProblemKind.TOO_LONG : ProblemKind.INVALID_UTF8,
                            lines.malformed());
                } else if (!lines.text().isBlank()) {
                    handler.handle(lines.text(), at, sink);
                }
            }
        }
    }

    /** Advances to the next line; false at the end of the input. */
    public boolean next() throws IOException {
        lineLength = 0;
        tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return false;
                    }
                    break;
                }
            }
            sawAny = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++; // the newline
                break;
            }
        }
        lineNumber++;
        decode();
        return true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int start, int length) {
        if (tooLong || length == 0) {
            return;
        }
        if (lineLength + length > MAX_LINE_BYTES) {
            tooLong = true;
            return;
        }
        if (lineLength + length > line.length) {
            int capacity = Math.max(line.length * 2, lineLength + length);
            line = java.util.Arrays.copyOf(line, Math.min(capacity, MAX_LINE_BYTES));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    private void decode() {
        text = null;
        malformed = null;
        if (tooLong) {
            malformed = "line longer than " + (MAX_LINE_BYTES >> 20) + " MiB";
            return;
        }
        int start = 0;
        int length = lineLength;
        if (firstLine) {
            firstLine = false;
            if (length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
                start = 3;
                length -= 3;
            }
        }
        if (length > 0 && line[start + length - 1] == '\r') {
            length--;
        }
        if (isAscii(start, length)) {
            text = new String(line, start, length, StandardCharsets.ISO_8859_1);
            return;
        }
        CharBuffer chars = utf8.decode(line, start, start + length);
        if (chars != null) {
            text = chars.toString();
        } else {
            malformed = "invalid UTF-8 at byte " + utf8.bad().byteInLine() + " of the line";
        }
    }

    private boolean isAscii(int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The decoded line without its line break, or null when {@link #malformed()} is set. */
    public String text() {
        return text;
    }

    /** Why the current line could not be decoded, or null. */
    public String malformed() {
        return malformed;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Whether the current line was cut for being longer than the limit. */
    public boolean tooLong() {
        return tooLong;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
