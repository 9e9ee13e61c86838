package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV for spreadsheets: comma-separated, CRLF after every record (the RFC's line break,
 * which Excel, LibreOffice and Python's csv module all expect), a field quoted only when it holds a
 * comma, a quote, CR or LF, quotes doubled inside quotes. No byte-order mark: the file is plain
 * UTF-8, as RFC 4180 and most tools want (Excel users choose UTF-8 in its import dialog).
 *
 * <p>Text cells are neutralised against formula injection (OWASP's CSV injection advice): a text
 * that starts with {@code = + - @}, a tab or CR would be run as a formula by a spreadsheet, so it
 * gets a leading apostrophe, which spreadsheets hide and treat as "this is text". Number cells are
 * written as numbers and left alone, so a negative difference stays {@code -0.25}. Null is an
 * empty field.
 */
public final class CsvWriter {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** One record; each cell is a {@link CharSequence} (text), a {@link Number} or null. */
    public void writeRow(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number number) {
            return Decimals.plain(number);
        }
        return quoted(neutralised(cell.toString()));
    }

    /** The text with a leading apostrophe when a spreadsheet would take it for a formula. */
    static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }

    private static String quoted(String text) {
        boolean needsQuotes = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
