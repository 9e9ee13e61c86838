package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TREC document collections in SGML: {@code <DOC><DOCNO>…</DOCNO>…<TEXT>…</TEXT></DOC>}, as on
 * TREC disks 4&amp;5 (FT, LA Times, FBIS, FR94), WSJ, AP and the collections built like them.
 * The title is the first headline element, the text is every {@code <TEXT>} with its paragraphs,
 * and the other children of a DOC are kept as the document's fields.
 */
public final class TrecSgmlDocumentReader implements FormatReader<DocumentRecord> {
    private static final TaggedRecords.Shape SHAPE = new TaggedRecords.Shape("DOC", "document", false);
    /** Headlines of FT and LA Times, WSJ, Ziff-Davis, AP; whichever comes first in a DOC is its title. */
    private static final Set<String> TITLE_TAGS = Set.of("HEADLINE", "HL", "TITLE", "HEAD");
    /** Without TEXT, the text is everything else, except what only identifies the document. */
    private static final Set<String> NOT_TEXT = Set.of("DOCNO", "DOCID");

    private final long maxChars;

    public TrecSgmlDocumentReader() {
        this(LineReader.MAX_LINE_BYTES);
    }

    /** With a smaller size cap than a line's, so that tests can reach it. */
    TrecSgmlDocumentReader(long maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public void read(SourceFile source, RecordSink<DocumentRecord> sink) throws Exception {
        TaggedRecords.read(SHAPE, source, sink, maxChars, TrecSgmlDocumentReader::finish);
    }

    private static void finish(Location at, String attributes, RecordChildren doc, RecordSink<DocumentRecord> sink)
            throws Exception {
        RecordChildren.Child docno = doc.first("DOCNO");
        if (docno == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "document without <DOCNO>");
            return;
        }
        String docId = docno.text().flat();
        String idProblem = Ids.problem("document id", docId);
        if (idProblem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        RecordChildren.Child title = null;
        boolean hasText = false;
        for (RecordChildren.Child child : doc.children()) {
            if (title == null && child.name() != null && TITLE_TAGS.contains(child.name())
                    && !child.text().isEmpty()) {
                title = child;
            }
            hasText |= "TEXT".equals(child.name());
        }
        List<String> paragraphs = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (RecordChildren.Child child : doc.children()) {
            String name = child.name();
            boolean isText = hasText ? "TEXT".equals(name)
                    : child != title && (name == null || !NOT_TEXT.contains(name));
            if (isText && !child.text().isEmpty()) {
                paragraphs.add(child.text().text());
            }
            if (name != null && child != title && !name.equals("DOCNO") && !name.equals("TEXT")
                    && !child.text().isEmpty()) {
                fields.merge(name, child.text().flat(), (before, more) -> before + " " + more);
            }
        }
        sink.accept(new DocumentRecord(at, docId, title == null ? null : title.text().flat(),
                String.join("\n\n", paragraphs), json(fields)));
    }

    private static String json(Map<String, String> fields) throws Exception {
        if (fields.isEmpty()) {
            return null;
        }
        ObjectNode object = JsonLines.MAPPER.createObjectNode();
        fields.forEach(object::put);
        return JsonLines.MAPPER.writeValueAsString(object);
    }
}
