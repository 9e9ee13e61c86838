package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a delimited file into records of fields, one record at a time, for
 * {@link DelimitedDocumentReader}.
 *
 * <p>Record boundaries are found on the raw bytes, before decoding: quotes, separators and line
 * breaks are ASCII, and ASCII bytes never occur inside a UTF-8 multi-byte sequence, so a record
 * holding invalid UTF-8 can be skipped alone without losing track of quoting (a line-by-line
 * decoder could not tell whether a broken line opened or closed a quoted field). Each record is
 * then decoded strictly and split into fields.
 *
 * <p>With quoting (CSV) fields follow RFC 4180, as lenient as Python's csv module: a quote inside
 * an unquoted field is an ordinary character, and so is anything between a closing quote and the
 * next separator. CRLF inside a quoted field becomes LF, as it does at the end of every line.
 * Without quoting (TSV, where texts such as MS MARCO's carry unbalanced quotes) a record is a line.
 *
 * <p>A record longer than the cap is skipped through the end of the line where it crossed the cap,
 * and reading resumes on the next line. The usual cause is a stray quote that never closes; going
 * on until the end of the file would drop every later record, whereas a legitimate quoted field of
 * 64 MiB does not occur in document collections.
 */
final class DelimitedRecords implements AutoCloseable {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final char separator;
    private final boolean quoting;
    private final int maxRecordBytes;
    private final StrictUtf8 utf8 = new StrictUtf8();
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private byte[] record = new byte[1 << 12];
    private int recordLength;
    private long nextLine = 1;

    private long startLine;
    private List<String> fields;
    private ProblemKind problemKind;
    private String problem;

    DelimitedRecords(InputStream in, char separator, boolean quoting, int maxRecordBytes) {
        this.in = in;
        this.separator = separator;
        this.quoting = quoting;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Advances to the next record; false at the end of the input. */
    boolean next() throws IOException {
        fields = null;
        problemKind = null;
        problem = null;
        recordLength = 0;
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        if (pos == limit && !fill()) {
            return false;
        }
        startLine = nextLine;
        int state = FIELD_START;
        long quoteLine = 0;
        while (true) {
            if (pos == limit && !fill()) {
                if (state == QUOTED) {
                    fail(ProblemKind.UNTERMINATED, "unterminated quoted field (opened at line " + quoteLine + ")");
                    return true;
                }
                break;
            }
            // Bytes other than these cannot end a record or open or close quoting: copied in bulk.
            boolean inQuotes = state == QUOTED;
            int run = pos;
            while (run < limit && buffer[run] != '\n' && buffer[run] != '"' && (inQuotes || buffer[run] != separator)) {
                run++;
            }
            if (run > pos) {
                if (!append(pos, run - pos)) {
                    pos = run;
                    skipOverlong(state == QUOTED, quoteLine, false);
                    return true;
                }
                pos = run;
                if (state == FIELD_START || state == QUOTE_IN_QUOTED) {
                    state = UNQUOTED;
                }
                continue;
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                nextLine++;
                if (state != QUOTED) {
                    break;
                }
            }
            int next = advance(state, b);
            if (state == FIELD_START && next == QUOTED) {
                quoteLine = nextLine;
            }
            state = next;
            if (!append(pos - 1, 1)) {
                skipOverlong(state == QUOTED, quoteLine, b == '\n');
                return true;
            }
        }
        int end = recordLength;
        if (end > 0 && record[end - 1] == '\r') {
            end--;
        }
        String text = decode(end);
        if (text == null) {
            long line = startLine + utf8.bad().linesAfterStart();
            fail(ProblemKind.INVALID_UTF8, "invalid UTF-8 at byte " + utf8.bad().byteInLine()
                    + (line == startLine ? " of the line" : " of line " + line));
            return true;
        }
        fields = text.isBlank() ? List.of() : split(text);
        return true;
    }

    /** The line where the current record starts. */
    long startLine() {
        return startLine;
    }

    /** The fields of the current record; empty for a blank line, null when {@link #problem()} is set. */
    List<String> fields() {
        return fields;
    }

    /** Why the current record cannot be read, or null. */
    String problem() {
        return problem;
    }

    ProblemKind problemKind() {
        return problemKind;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int advance(int state, int c) {
        boolean quote = quoting && c == '"';
        return switch (state) {
            case FIELD_START -> quote ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
            case QUOTED -> quote ? QUOTE_IN_QUOTED : QUOTED;
            case QUOTE_IN_QUOTED -> quote ? QUOTED : c == separator ? FIELD_START : UNQUOTED;
            default -> c == separator ? FIELD_START : UNQUOTED;
        };
    }

    /** Appends {@code buffer[from, from + length)} to the record; false when that would pass the cap. */
    private boolean append(int from, int length) {
        if (length > maxRecordBytes - recordLength) {
            return false;
        }
        if (recordLength + length > record.length) {
            int capacity = (int) Math.min(Math.max((long) record.length * 2, recordLength + length), maxRecordBytes);
            record = Arrays.copyOf(record, capacity);
        }
        System.arraycopy(buffer, from, record, recordLength, length);
        recordLength += length;
        return true;
    }

    /** The first {@code length} bytes of the record as text, or null when they are not valid UTF-8. */
    private String decode(int length) {
        for (int i = 0; i < length; i++) {
            if (record[i] < 0) {
                CharBuffer text = utf8.decode(record, 0, length);
                return text == null ? null : text.toString();
            }
        }
        return new String(record, 0, length, StandardCharsets.ISO_8859_1); // ASCII: the common case, and faster
    }

    /** The fields of a record; it ends outside quotes, or the scan would have gone on. */
    private List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (true) {
            if (quoting && i < n && text.charAt(i) == '"') {
                i = quotedField(text, i + 1, out);
            } else {
                // Unquoted, a quote is an ordinary character: only the separator ends the field.
                int end = text.indexOf(separator, i);
                end = end < 0 ? n : end;
                out.add(text.substring(i, end));
                i = end;
            }
            if (i >= n) {
                return out;
            }
            i++; // the separator; when it is the last character an empty field follows
        }
    }

    /** Adds the field whose content starts at {@code i}, after its opening quote; returns where it ends. */
    private int quotedField(String text, int i, List<String> out) {
        StringBuilder field = new StringBuilder();
        int n = text.length();
        int cr = text.indexOf('\r', i); // searched again only once passed, so that the split stays linear
        while (i < n) {
            int quote = text.indexOf('"', i);
            int stop = quote < 0 ? n : quote;
            if (cr >= 0 && cr < i) {
                cr = text.indexOf('\r', i);
            }
            if (cr < 0 || cr >= stop) {
                field.append(text, i, stop); // the common case: no CR before the next quote
                i = stop;
                if (i == n) {
                    break;
                }
            }
            char c = text.charAt(i);
            if (c == '"') {
                if (i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                // Closing quote: whatever follows it up to the separator is kept as is, as Python's csv does.
                int end = text.indexOf(separator, i + 1);
                end = end < 0 ? n : end;
                field.append(text, i + 1, end);
                out.add(field.toString());
                return end;
            }
            if (c != '\r' || i + 1 >= n || text.charAt(i + 1) != '\n') {
                field.append(c); // CR before LF is dropped: line breaks inside quotes are LF, as everywhere else
            }
            i++;
        }
        out.add(field.toString());
        return n;
    }

    private void skipOverlong(boolean inQuotes, long quoteLine, boolean atLineStart) throws IOException {
        long lastLine = atLineStart ? nextLine - 1 : skipLine();
        StringBuilder message = new StringBuilder("record longer than ").append(size(maxRecordBytes));
        if (lastLine > startLine) {
            message.append(", skipped through line ").append(lastLine);
        }
        if (inQuotes) {
            message.append(" (the quoted field opened at line ").append(quoteLine).append(" may be unterminated)");
        }
        fail(ProblemKind.TOO_LONG, message.toString());
        recordLength = 0;
    }

    /** Consumes the rest of the current line; returns its number. */
    private long skipLine() throws IOException {
        long line = nextLine;
        while (pos < limit || fill()) {
            if (buffer[pos++] == '\n') {
                nextLine++;
                break;
            }
        }
        return line;
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private void fail(ProblemKind kind, String message) {
        problemKind = kind;
        problem = message;
    }

    private void skipByteOrderMark() throws IOException {
        while (limit < 3 && !eof) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        if (limit >= 3 && (buffer[0] & 0xff) == 0xEF && (buffer[1] & 0xff) == 0xBB && (buffer[2] & 0xff) == 0xBF) {
            pos = 3;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
