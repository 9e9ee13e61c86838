package org.relevanceworkbench.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.Variant;

/**
 * Which run's scores fill each variant's columns of a comparison table: the runs named per variant
 * ({@code og=RUN,changed=RUN}), or the runs named prefix + variant ({@code followir-og}, as rerank
 * names them). A run whose scores are all under one variant (an instruction-blind run such as BM25)
 * gives those scores to whichever variant it is named for.
 */
final class TableRuns {
    private final Database db;
    private final Collection collection;
    private final Topic topic;

    TableRuns(Database db, Collection collection, Topic topic) {
        this.db = db;
        this.collection = collection;
        this.topic = topic;
    }

    /** The scores of each variant that has a run, in the topic's variant order. */
    Map<String, List<RunScore>> resolve(Map<String, String> runsByVariant, String runPrefix) {
        Map<String, List<RunScore>> scores = new LinkedHashMap<>();
        if (runsByVariant != null && !runsByVariant.isEmpty()) {
            runsByVariant.keySet().forEach(v -> Lookups.variant(topic, v));
            for (Variant v : topic.variants()) {
                String runName = runsByVariant.get(v.name());
                if (runName != null) {
                    Run run = Lookups.run(db, collection, runName);
                    List<RunScore> found = scoresOf(run, v.name());
                    if (found.isEmpty()) {
                        throw new UserException("run '" + run.name() + "' has no scores for topic '" + topic.topicId()
                                + "' (" + v.name() + ")");
                    }
                    scores.put(v.name(), found);
                }
            }
            return scores;
        }
        for (Variant v : topic.variants()) {
            Optional<Run> run = db.read(c -> new RunDao(c).find(collection.id(), RunName.withPrefix(runPrefix, v.name())));
            run.map(r -> scoresOf(r, v.name())).filter(s -> !s.isEmpty()).ifPresent(s -> scores.put(v.name(), s));
        }
        if (scores.isEmpty()) {
            throw new UserException("collection '" + collection.name() + "' has no scores of topic '" + topic.topicId()
                    + "' in runs " + String.join(", ", Lookups.names(topic).stream().map(v -> RunName.withPrefix(runPrefix, v)).toList())
                    + " (rerank the topic, or name runs with --runs og=RUN,changed=RUN)");
        }
        return scores;
    }

    private List<RunScore> scoresOf(Run run, String variant) {
        return db.read(c -> {
            RunDao runs = new RunDao(c);
            List<RunScore> own = runs.scores(run.id(), topic.topicId(), variant);
            if (!own.isEmpty()) {
                return own;
            }
            List<String> variants = runs.variants(run.id());
            return variants.size() == 1 ? runs.scores(run.id(), topic.topicId(), variants.get(0)) : own;
        });
    }
}
