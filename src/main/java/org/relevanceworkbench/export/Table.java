package org.relevanceworkbench.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.relevanceworkbench.formats.CsvWriter;
import org.relevanceworkbench.formats.JsonlRowWriter;

/**
 * A table to export: named columns and rows whose cells are text (String), numbers (Integer,
 * Double) or null. CSV gets a header row; JSON Lines uses the column names as keys.
 */
public record Table(List<String> columns, List<List<Object>> rows) {
    public enum Format { csv, jsonl }

    public void write(Format format, Writer out) throws IOException {
        if (format == Format.csv) {
            CsvWriter csv = new CsvWriter(out);
            csv.writeRow(columns);
            for (List<Object> row : rows) {
                csv.writeRow(row);
            }
        } else {
            JsonlRowWriter jsonl = new JsonlRowWriter(out, columns);
            for (List<Object> row : rows) {
                jsonl.writeRow(row);
            }
        }
    }
}
