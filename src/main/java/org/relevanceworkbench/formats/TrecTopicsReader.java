package org.relevanceworkbench.formats;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Classic TREC topics (ad hoc TREC 1-8, Robust04, Core): {@code <top>} records whose sections
 * {@code <num>}, {@code <title>}, {@code <desc>} and {@code <narr>} usually run to the next tag
 * and open with a label ("Number:", "Description:") that is not part of the content. Other
 * sections ({@code <smry>}, {@code <con>}, {@code <fac>}, {@code <def>}, {@code <dom>}) are
 * ignored. The narrative is the instruction of the topic's {@code og} variant.
 */
public final class TrecTopicsReader implements FormatReader<TopicRecord> {
    private static final TaggedRecords.Shape SHAPE = new TaggedRecords.Shape("top", "topic", true);
    private static final Pattern NUMBER = label("Number");
    private static final Pattern TOPIC = label("Topic");
    private static final Pattern DESCRIPTION = label("Description");
    private static final Pattern NARRATIVE = label("Narrative");

    @Override
    public void read(SourceFile source, RecordSink<TopicRecord> sink) throws Exception {
        TaggedRecords.read(SHAPE, source, sink, LineReader.MAX_LINE_BYTES, TrecTopicsReader::finish);
    }

    private static void finish(Location at, String attributes, RecordChildren top, RecordSink<TopicRecord> sink)
            throws Exception {
        RecordChildren.Child num = top.first("NUM");
        if (num == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "topic without <num>");
            return;
        }
        String topicId = unlabeled(num, NUMBER);
        String idProblem = Ids.problem("topic id", topicId);
        if (idProblem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        RecordChildren.Child title = top.first("TITLE");
        String query = unlabeled(title != null ? title : top.first("QUERY"), TOPIC); // Microblog writes <query>
        if (query.isEmpty()) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "topic " + topicId + " has no <title>");
            return;
        }
        String description = unlabeled(top.first("DESC"), DESCRIPTION);
        String narrative = unlabeled(top.first("NARR"), NARRATIVE);
        sink.accept(new TopicRecord(at, topicId, query, emptyToNull(description), emptyToNull(narrative),
                narrative.isEmpty() ? List.of() : List.of(new VariantText("og", narrative))));
    }

    /** The section's text without its leading "Label:"; "" when the section is absent. */
    private static String unlabeled(RecordChildren.Child section, Pattern label) {
        return section == null ? "" : label.matcher(section.text().flat()).replaceFirst("");
    }

    private static Pattern label(String word) {
        return Pattern.compile("^" + word + "\\s*:\\s*", Pattern.CASE_INSENSITIVE);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
