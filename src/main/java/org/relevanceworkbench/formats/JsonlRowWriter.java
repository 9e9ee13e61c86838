package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Table rows as JSON Lines: one object per row, keys in column order, numbers as JSON numbers,
 * text as strings (unchanged: JSON has no formula injection to guard against), null as null.
 */
public final class JsonlRowWriter {
    private final Writer out;
    private final List<String> columns;

    public JsonlRowWriter(Writer out, List<String> columns) {
        this.out = out;
        this.columns = List.copyOf(columns);
    }

    /** One row; each cell is a {@link CharSequence}, an Integer, a Long, a Double or null. */
    public void writeRow(List<?> cells) throws IOException {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        ObjectNode row = JsonLines.MAPPER.createObjectNode();
        for (int i = 0; i < cells.size(); i++) {
            Object cell = cells.get(i);
            String key = columns.get(i);
            if (cell == null) {
                row.putNull(key);
            } else if (cell instanceof Integer n) {
                row.put(key, n);
            } else if (cell instanceof Long n) {
                row.put(key, n);
            } else if (cell instanceof Number n) {
                row.put(key, n.doubleValue());
            } else {
                row.put(key, cell.toString());
            }
        }
        out.write(JsonLines.MAPPER.writeValueAsString(row));
        out.write('\n');
    }
}
