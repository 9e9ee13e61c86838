package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Documents as delimited rows: {@code id, text[, title]}, or any columns under a header that names
 * an id column and a text column (other named columns become the document's extra fields).
 *
 * <p>With a tab separator nothing is quoted, as in MS MARCO's {@code collection.tsv}, whose
 * passages contain quotes of their own; any other separator means RFC 4180 CSV (see
 * {@link DelimitedRecords}).
 *
 * <p>The first record that can be decoded decides whether there is a header, so that a broken
 * first line does not turn every row into a column-count problem.
 */
public final class DelimitedDocumentReader implements FormatReader<DocumentRecord> {
    private static final Set<String> ID_NAMES = Set.of("id", "_id", "docid", "doc_id", "docno", "pid");
    private static final Set<String> TEXT_NAMES = Set.of("text", "body", "contents", "passage");
    private static final String TITLE_NAME = "title";

    private final char separator;
    private final int maxRecordBytes;

    public DelimitedDocumentReader(char separator) {
        this(separator, LineReader.MAX_LINE_BYTES);
    }

    /** With a smaller cap on a record's size, so that tests need not write 64 MiB. */
    DelimitedDocumentReader(char separator, int maxRecordBytes) {
        if (separator >= 0x80 || separator == '"' || separator == '\n' || separator == '\r') {
            // Records are split on raw bytes, which only works for an ASCII separator.
            throw new IllegalArgumentException("unusable separator: U+" + Integer.toHexString(separator));
        }
        this.separator = separator;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void read(SourceFile source, RecordSink<DocumentRecord> sink) throws Exception {
        try (InputStream in = source.open();
                DelimitedRecords records = new DelimitedRecords(in, separator, separator != '\t', maxRecordBytes)) {
            Layout layout = null;
            while (records.next()) {
                Location at = new Location(source.name(), records.startLine());
                if (records.problem() != null) {
                    sink.problem(at, records.problemKind(), records.problem());
                    continue;
                }
                List<String> cells = records.fields();
                if (cells.isEmpty()) {
                    continue;
                }
                if (layout == null) {
                    layout = Layout.header(cells);
                    if (layout != null) {
                        continue;
                    }
                    layout = Layout.POSITIONAL;
                }
                handle(layout, cells, at, sink);
            }
        }
    }

    private static void handle(Layout layout, List<String> cells, Location at, RecordSink<DocumentRecord> sink)
            throws Exception {
        int found = cells.size();
        if (layout.width() > 0 && found != layout.width()) {
            sink.problem(at, ProblemKind.WRONG_COLUMNS,
                    "expected " + layout.width() + " columns as in the header, found " + found);
            return;
        }
        if (layout.width() < 0 && (found < 2 || found > 3)) {
            sink.problem(at, ProblemKind.WRONG_COLUMNS,
                    "expected 2 or 3 columns (id, text[, title]), found " + found);
            return;
        }
        String id = cells.get(layout.idColumn()).strip();
        String idProblem = Ids.problem("document id", id);
        if (idProblem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        int titleColumn = layout.width() < 0 ? (found == 3 ? 2 : -1) : layout.titleColumn();
        String title = titleColumn < 0 ? null : cells.get(titleColumn).strip();
        ObjectNode extra = JsonLines.MAPPER.createObjectNode();
        for (int i = 0; i < layout.extraNames().size(); i++) {
            String value = cells.get(layout.extraColumns()[i]).strip();
            if (!value.isEmpty()) {
                extra.put(layout.extraNames().get(i), value);
            }
        }
        sink.accept(new DocumentRecord(at, id, title == null || title.isEmpty() ? null : title,
                cells.get(layout.textColumn()).strip(),
                extra.isEmpty() ? null : JsonLines.MAPPER.writeValueAsString(extra)));
    }

    /**
     * Which column holds what; {@code width} is the header's column count, or -1 for headerless
     * rows of {@code id, text[, title]}.
     */
    private record Layout(int width, int idColumn, int textColumn, int titleColumn,
            List<String> extraNames, int[] extraColumns) {
        static final Layout POSITIONAL = new Layout(-1, 0, 1, -1, List.of(), new int[0]);

        /** The layout {@code cells} declare as a header, or null when they are data. */
        static Layout header(List<String> cells) {
            int id = -1;
            int text = -1;
            int title = -1;
            for (int i = 0; i < cells.size(); i++) {
                String name = cells.get(i).strip().toLowerCase(Locale.ROOT);
                if (id < 0 && ID_NAMES.contains(name)) {
                    id = i;
                } else if (text < 0 && TEXT_NAMES.contains(name)) {
                    text = i;
                } else if (title < 0 && name.equals(TITLE_NAME)) {
                    title = i;
                }
            }
            if (id < 0 || text < 0) {
                return null;
            }
            List<String> names = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < cells.size(); i++) {
                String name = cells.get(i).strip();
                // A repeated name keeps its first column: a JSON object cannot hold both.
                if (i != id && i != text && i != title && !name.isEmpty() && seen.add(name)) {
                    names.add(name);
                    columns.add(i);
                }
            }
            return new Layout(cells.size(), id, text, title, List.copyOf(names),
                    columns.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
