package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * BEIR/MTEB {@code corpus.jsonl}: {@code {"_id", "title", "text", ...}} per line. Also takes the
 * aliases ir_datasets and Pyserini write ({@code doc_id}, {@code docid}, {@code id},
 * {@code contents}, {@code body}). Any other field is kept as the document's extra fields.
 */
public final class BeirCorpusReader implements FormatReader<DocumentRecord> {
    static final String[] ID_KEYS = {"_id", "doc_id", "docid", "id", "pid"};
    static final String[] TEXT_KEYS = {"text", "contents", "body", "passage"};

    @Override
    public void read(SourceFile source, RecordSink<DocumentRecord> sink) throws Exception {
        JsonLines.read(source, sink, BeirCorpusReader::handle);
    }

    private static void handle(ObjectNode object, Location at, RecordSink<DocumentRecord> sink) throws Exception {
        String idKey = JsonLines.presentKey(object, ID_KEYS);
        if (idKey == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "missing document id (_id)");
            return;
        }
        String id = JsonLines.scalar(object, idKey);
        String idProblem = Ids.problem("document id", id == null ? "" : id.strip());
        if (idProblem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        String textKey = JsonLines.presentKey(object, TEXT_KEYS);
        if (textKey == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "missing text of document '" + id.strip() + "'");
            return;
        }
        JsonNode text = object.get(textKey);
        JsonNode title = object.get("title");
        if (!text.isNull() && !text.isValueNode() || title != null && !title.isNull() && !title.isValueNode()) {
            sink.problem(at, ProblemKind.BAD_VALUE, "title and text of document '" + id.strip() + "' must be strings");
            return;
        }
        object.remove(idKey);
        object.remove(textKey);
        object.remove("title");
        sink.accept(new DocumentRecord(at, id.strip(), emptyToNull(title), text.isNull() ? "" : text.asText(),
                object.isEmpty() ? null : JsonLines.MAPPER.writeValueAsString(object)));
    }

    private static String emptyToNull(JsonNode title) {
        if (title == null || title.isNull()) {
            return null;
        }
        String value = title.asText();
        return value.isBlank() ? null : value;
    }
}
