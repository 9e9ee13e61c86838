package org.relevanceworkbench.formats;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: reads a CSV file back with the project's own RFC 4180 record splitter. */
public final class CsvRows {
    private CsvRows() {
    }

    /** Every record's fields; a record the splitter cannot read fails the test. */
    public static List<List<String>> read(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                DelimitedRecords records = new DelimitedRecords(in, ',', true, LineReader.MAX_LINE_BYTES)) {
            while (records.next()) {
                if (records.problem() != null) {
                    throw new AssertionError("line " + records.startLine() + ": " + records.problem());
                }
                if (!records.fields().isEmpty()) {
                    rows.add(records.fields());
                }
            }
        }
        return rows;
    }
}
