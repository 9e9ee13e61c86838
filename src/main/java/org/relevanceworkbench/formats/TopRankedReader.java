package org.relevanceworkbench.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * FollowIR/MTEB {@code top_ranked.jsonl}: the candidates of each query in order, one
 * {@code {"qid", "pid"}} per line, or one {@code {"query-id", "corpus-ids": [...]}} per query.
 * The position within a query is the rank; a {@code score} field is kept when present.
 */
public final class TopRankedReader implements FormatReader<RunRecord> {
    @Override
    public void read(SourceFile source, RecordSink<RunRecord> sink) throws Exception {
        Map<String, Integer> nextRank = new HashMap<>();
        JsonLines.read(source, sink, (object, at, s) -> handle(object, at, s, nextRank));
    }

    private static void handle(ObjectNode object, Location at, RecordSink<RunRecord> sink,
            Map<String, Integer> nextRank) throws Exception {
        String qid = JsonLines.scalar(object, "qid", "query-id", "query_id", "_id");
        if (qid == null || Ids.problem("query id", qid.strip()) != null) {
            sink.problem(at, qid == null ? ProblemKind.MISSING_FIELD : ProblemKind.BAD_VALUE,
                    qid == null ? "missing query id (qid)" : Ids.problem("query id", qid.strip()));
            return;
        }
        Ids.QueryId id = Ids.splitVariant(qid.strip());
        JsonNode many = object.get("corpus-ids");
        if (many != null && many.isArray()) {
            for (JsonNode pid : many) {
                emit(at, id, pid.isValueNode() ? pid.asText() : null, null, sink, nextRank);
            }
            return;
        }
        String pid = JsonLines.scalar(object, "pid", "corpus-id", "doc_id", "docid");
        if (pid == null) {
            sink.problem(at, ProblemKind.MISSING_FIELD, "missing document id (pid)");
            return;
        }
        JsonNode score = object.get("score");
        if (score != null && !score.isNull() && !score.isNumber()) {
            sink.problem(at, ProblemKind.BAD_VALUE, "score is not a number: " + Ids.abbreviate(score.asText()));
            return;
        }
        emit(at, id, pid, score == null || score.isNull() ? null : score.asDouble(), sink, nextRank);
    }

    private static void emit(Location at, Ids.QueryId id, String pid, Double score, RecordSink<RunRecord> sink,
            Map<String, Integer> nextRank) throws Exception {
        String docId = pid == null ? null : pid.strip();
        String problem = Ids.problem("document id", docId == null ? "" : docId);
        if (problem != null) {
            sink.problem(at, ProblemKind.BAD_VALUE, problem);
            return;
        }
        String key = id.topicId() + '\u0000' + id.variant();
        int rank = nextRank.merge(key, 1, Integer::sum);
        sink.accept(new RunRecord(at, id.topicId(), id.variant(), docId, rank, score, null));
    }
}
