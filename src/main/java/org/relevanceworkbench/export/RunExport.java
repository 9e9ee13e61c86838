package org.relevanceworkbench.export;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.Ids;
import org.relevanceworkbench.formats.TrecRunWriter;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

/**
 * One variant of a run as a TREC run file ({@code topic Q0 docno rank score tag}): topics in
 * numeric order, ranks and scores as {@link TrecRanking} derives them, the run's name as tag
 * unless another is given.
 */
public final class RunExport {
    private final Database db;

    public RunExport(Database db) {
        this.db = db;
    }

    /** The ranked lines, topic by topic; nothing is written until {@link #writeTo}. */
    public record Prepared(String tag, Map<String, List<RankedDocument>> topics) {
        public void writeTo(Writer out) throws IOException {
            TrecRunWriter trec = new TrecRunWriter(out, tag);
            for (Map.Entry<String, List<RankedDocument>> topic : topics.entrySet()) {
                for (RankedDocument d : topic.getValue()) {
                    trec.write(topic.getKey(), d.docId(), d.rank(), d.trecScore());
                }
            }
        }

        public long lines() {
            return topics.values().stream().mapToLong(List::size).sum();
        }

        /** These lines for the given topics only (an evaluation writes the topics it evaluated). */
        public Prepared only(java.util.Set<String> topicIds) {
            Map<String, List<RankedDocument>> kept = new LinkedHashMap<>();
            topics.forEach((topic, docs) -> {
                if (topicIds.contains(topic)) {
                    kept.put(topic, docs);
                }
            });
            return new Prepared(tag, kept);
        }
    }

    public Prepared prepare(String collectionName, String runName, String variant, String tagOrNull) {
        Collection collection = Lookups.collection(db, collectionName);
        Run run = Lookups.run(db, collection, runName);
        String tag = tagOrNull == null ? run.name() : tagOrNull.strip();
        String tagProblem = Ids.problem("run tag", tag);
        if (tagProblem != null) {
            throw new UserException(tagProblem + ": TREC run tags are one word; give another with --tag");
        }
        List<String> variants = db.read(c -> new RunDao(c).variants(run.id()));
        if (!variants.contains(variant)) {
            throw new UserException("run '" + run.name() + "' has no scores for variant '" + variant + "'"
                    + (variants.isEmpty() ? " (it has no scores)" : " (its variants: " + String.join(", ", variants) + ")"));
        }
        List<RunScore> scores = db.read(c -> new RunDao(c).scores(run.id(), variant));
        Map<String, List<RunScore>> byTopic = new TreeMap<>(TrecOrder.TOPICS);
        for (RunScore s : scores) {
            byTopic.computeIfAbsent(s.topicId(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<RankedDocument>> ranked = new LinkedHashMap<>();
        byTopic.forEach((topic, topicScores) -> ranked.put(topic, TrecRanking.rank(topicScores)));
        return new Prepared(tag, ranked);
    }
}
