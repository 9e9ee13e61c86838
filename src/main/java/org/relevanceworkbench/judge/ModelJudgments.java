package org.relevanceworkbench.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.RunSummary;

/**
 * An assessor's judgments paired with a FollowIR run's p(true) for the same topic, variant and
 * document. Only runs the workbench scored with FollowIR qualify: their score is p(true), which a
 * threshold such as 0.5 means something for; an imported or BM25 run's scores do not.
 */
public final class ModelJudgments {
    /** The pairs, and how many in-scope judgments the run holds no score for (left out). */
    public record Loaded(Run run, List<ScoredJudgment> scored, int notScored) {
    }

    private final Database db;

    public ModelJudgments(Database db) {
        this.db = db;
    }

    public Loaded load(Collection collection, String assessor, String runName, JudgmentScope scope) {
        return db.read(c -> {
            RunDao runs = new RunDao(c);
            Run run = runs.find(collection.id(), runName).orElse(null);
            if (run == null) {
                List<String> names = runs.list(collection.id()).stream().map(RunSummary::run).map(Run::name).toList();
                throw new UserException("collection '" + collection.name() + "' has no run named '" + runName + "'"
                        + (names.isEmpty() ? " (it has no runs)" : " (runs: " + String.join(", ", names) + ")"));
            }
            if (!RunName.FOLLOWIR.equals(run.scorer())) {
                throw new UserException("run '" + runName + "' was not scored by FollowIR (scorer '" + run.scorer()
                        + "'), so its scores are not p(true)");
            }
            Map<String, List<Judgment>> byTopicVariant = new LinkedHashMap<>();
            for (Judgment j : new JudgmentDao(c).list(collection.id())) {
                if (j.assessor().equals(assessor) && scope.includes(j)) {
                    byTopicVariant.computeIfAbsent(j.topicId() + '\u0000' + j.variant(), k -> new ArrayList<>()).add(j);
                }
            }
            List<ScoredJudgment> scored = new ArrayList<>();
            int notScored = 0;
            for (List<Judgment> judgments : byTopicVariant.values()) {
                Judgment first = judgments.get(0);
                Map<String, Double> pTrue = new HashMap<>();
                for (RunScore s : runs.scores(run.id(), first.topicId(), first.variant())) {
                    if (s.score() != null) {
                        pTrue.put(s.docId(), s.score());
                    }
                }
                for (Judgment j : judgments) {
                    Double p = pTrue.get(j.docId());
                    if (p == null) {
                        notScored++;
                    } else {
                        scored.add(new ScoredJudgment(j.topicId(), j.variant(), j.docId(), j.grade(), p));
                    }
                }
            }
            return new Loaded(run, List.copyOf(scored), notScored);
        });
    }
}
