package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;
import org.relevanceworkbench.store.Document;

/**
 * Writes documents as BEIR {@code corpus.jsonl}: {@code _id}, {@code title} (empty when none),
 * {@code text}, then the document's extra fields as they were imported, so that an export
 * imports back to the same documents.
 */
public final class DocumentJsonlWriter {
    private final Writer out;

    public DocumentJsonlWriter(Writer out) {
        this.out = out;
    }

    public void write(Document d) throws IOException {
        ObjectNode line = JsonLines.MAPPER.createObjectNode();
        line.put("_id", d.docId());
        line.put("title", d.title() == null ? "" : d.title());
        line.put("text", d.text());
        if (d.fieldsJson() != null) {
            JsonNode extra = JsonLines.MAPPER.readTree(d.fieldsJson());
            for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!line.has(field.getKey())) {
                    line.set(field.getKey(), field.getValue());
                }
            }
        }
        out.write(JsonLines.MAPPER.writeValueAsString(line));
        out.write('\n');
    }
}
