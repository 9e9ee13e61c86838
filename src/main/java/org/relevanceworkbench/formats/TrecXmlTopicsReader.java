package org.relevanceworkbench.formats;

import java.util.List;

/**
 * Topics of the newer TREC tracks (Web, TREC-COVID and the like), written as XML:
 * {@code <topic number="1"><query>…</query><description>…</description></topic>}, or with the id
 * in a child element. TREC-COVID's {@code <question>} is its description. Read topic by topic rather than by an XML parser, because one malformed
 * topic in a hand-edited file must not cost the others. Subtopics and other children are ignored;
 * the narrative is the instruction of the topic's {@code og} variant.
 */
public final class TrecXmlTopicsReader implements FormatReader<TopicRecord> {
    private static final TaggedRecords.Shape SHAPE = new TaggedRecords.Shape("topic", "topic", false);

    @Override
    public void read(SourceFile source, RecordSink<TopicRecord> sink) throws Exception {
        TaggedRecords.read(SHAPE, source, sink, LineReader.MAX_LINE_BYTES, TrecXmlTopicsReader::finish);
    }

    private static void finish(Location at, String attributes, RecordChildren topic, RecordSink<TopicRecord> sink)
            throws Exception {
        String topicId = MarkupScanner.attribute(attributes, "number");
        if (topicId == null) {
            topicId = MarkupScanner.attribute(attributes, "id");
        }
        if (topicId == null) {
            topicId = firstOf(topic, "NUMBER", "NUM", "ID", "QID");
        }
        if (topicId == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "topic without an id (no number= attribute or <number> element)");
            return;
        }
        topicId = topicId.strip();
        String idProblem = Ids.problem("topic id", topicId);
        if (idProblem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        String query = firstOf(topic, "QUERY", "TITLE");
        if (query == null || query.isEmpty()) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "topic " + topicId + " has no <query>");
            return;
        }
        String narrative = emptyToNull(firstOf(topic, "NARRATIVE", "NARR"));
        sink.accept(new TopicRecord(at, topicId, query, emptyToNull(firstOf(topic, "DESCRIPTION", "DESC", "QUESTION")), narrative,
                narrative == null ? List.of() : List.of(new VariantText("og", narrative))));
    }

    /**
     * The text of the first child named one of {@code names}, in that order of preference, passing
     * over empty ones; "" when all there are empty, null when none is there.
     */
    private static String firstOf(RecordChildren topic, String... names) {
        String found = null;
        for (String name : names) {
            RecordChildren.Child child = topic.first(name);
            if (child != null && !child.text().isEmpty()) {
                return child.text().flat();
            }
            found = child != null ? "" : found;
        }
        return found;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
