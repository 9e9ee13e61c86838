package org.relevanceworkbench.rerank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;

/**
 * The scores a workspace already holds for a topic, from the runs a scorer wrote for its variants (named
 * {@code SCORER-VARIANT}): what the window shows when a topic opens, before anything is scored again.
 */
public final class StoredRunScores {
    private StoredRunScores() {
    }

    /** Per variant with a stored run, in the topic's order: its scored documents (approximate ones keep their bounds). */
    public static Map<String, List<CachedScore>> of(Database db, Collection collection, Topic topic, String scorer) {
        return db.read(conn -> {
            Map<String, List<CachedScore>> out = new LinkedHashMap<>();
            RunDao runs = new RunDao(conn);
            for (var variant : topic.variants()) {
                Optional<Run> run = runs.find(collection.id(), new RunName(scorer, variant.name()).toString());
                if (run.isPresent()) {
                    List<CachedScore> scores = new ArrayList<>();
                    for (RunScore s : runs.scores(run.get().id(), topic.topicId(), variant.name())) {
                        if (s.score() != null) {
                            scores.add(new CachedScore(s.docId(), s.score(), Double.NaN, Double.NaN, Double.NaN, 0,
                                    false, s.pLow() == null ? Double.NaN : s.pLow(),
                                    s.pHigh() == null ? Double.NaN : s.pHigh()));
                        }
                    }
                    out.put(variant.name(), scores);
                }
            }
            return out;
        });
    }
}
