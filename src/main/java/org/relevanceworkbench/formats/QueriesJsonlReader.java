package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Topics as JSON Lines, in the shapes our users bring:
 * <ul>
 *   <li>FollowIR {@code queries.jsonl}: {@code _id, text, instruction_og, instruction_changed} →
 *       variants {@code og} and {@code changed};</li>
 *   <li>the MTEB split layout: {@code queries} lines {@code {"_id": "301-og", "text": …}} and
 *       {@code instruction} lines {@code {"query-id": "301-changed", "instruction": …}}; the id's
 *       suffix names the variant, and an instruction line only adds text to its topic;</li>
 *   <li>BEIR queries ({@code _id, text}) and ir_datasets exports ({@code query_id, title,
 *       description, narrative}), where the narrative becomes the {@code og} instruction.</li>
 * </ul>
 */
public final class QueriesJsonlReader implements FormatReader<TopicRecord> {
    private static final String[] ID_KEYS = {"_id", "query_id", "query-id", "qid", "topic_id", "id"};

    @Override
    public void read(SourceFile source, RecordSink<TopicRecord> sink) throws Exception {
        JsonLines.read(source, sink, QueriesJsonlReader::handle);
    }

    private static void handle(ObjectNode object, Location at, RecordSink<TopicRecord> sink) throws Exception {
        String rawId = JsonLines.scalar(object, ID_KEYS);
        String idProblem = Ids.problem("query id", rawId == null ? "" : rawId.strip());
        if (rawId == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "missing query id (_id)");
            return;
        }
        if (idProblem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        Ids.QueryId id = Ids.splitVariant(rawId.strip());
        String query = JsonLines.scalar(object, "text", "query", "title");
        String description = JsonLines.scalar(object, "description");
        String narrative = JsonLines.scalar(object, "narrative");
        List<VariantText> variants = new ArrayList<>();
        String og = JsonLines.scalar(object, "instruction_og");
        String changed = JsonLines.scalar(object, "instruction_changed");
        String instruction = JsonLines.scalar(object, "instruction");
        if (og != null || changed != null) {
            variants.add(new VariantText("og", og));
            variants.add(new VariantText("changed", changed));
        } else if (instruction != null) {
            variants.add(new VariantText(id.variant() == null ? "og" : id.variant(), instruction));
        } else if (narrative != null) {
            variants.add(new VariantText(id.variant() == null ? "og" : id.variant(), narrative));
        } else if (id.variant() != null) {
            variants.add(new VariantText(id.variant(), null));
        }
        if ((query == null || query.isBlank()) && variants.stream().allMatch(v -> v.instruction() == null)) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "query '" + rawId.strip() + "' has neither text nor instruction");
            return;
        }
        sink.accept(new TopicRecord(at, id.topicId(), query == null || query.isBlank() ? null : query.strip(),
                description, narrative, variants));
    }
}
