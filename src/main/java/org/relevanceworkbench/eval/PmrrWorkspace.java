package org.relevanceworkbench.eval;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.RunSummary;

/**
 * Reads p-MRR's inputs from a workspace: the og and changed qrels of one qrels source, the og run's
 * rows of the og variant and the changed run's rows of the changed variant (a FollowIR rerank stores
 * {@code followir-og} with og rows and {@code followir-changed} with changed rows).
 */
public final class PmrrWorkspace {
    /** What p-MRR is computed from, and over. */
    public record Request(String collection, String ogRun, String changedRun, String ogVariant,
            String changedVariant, String qrelsSource) {
    }

    private final Database db;

    public PmrrWorkspace(Database db) {
        this.db = db;
    }

    public PmrrResult compute(Request request) {
        return inputs(request).pMrr();
    }

    /** The qrels and runs of the request, read from the workspace. */
    public PmrrInputs inputs(Request request) {
        return db.read(c -> {
            Collection collection = new CollectionDao(c).require(request.collection());
            List<Qrel> qrels = new QrelDao(c).list(collection.id());
            Map<String, Map<String, Integer>> ogQrels = qrels(qrels, request.qrelsSource(), request.ogVariant(),
                    collection);
            Map<String, Map<String, Integer>> changedQrels = qrels(qrels, request.qrelsSource(),
                    request.changedVariant(), collection);
            Map<String, Map<String, Double>> ogRun = run(c, collection, request.ogRun(), request.ogVariant(),
                    ogQrels.keySet());
            Map<String, Map<String, Double>> changedRun = run(c, collection, request.changedRun(),
                    request.changedVariant(), ogQrels.keySet());
            return new PmrrInputs(ogQrels, changedQrels, ogRun, changedRun);
        });
    }

    private static Map<String, Map<String, Integer>> qrels(List<Qrel> all, String source, String variant,
            Collection collection) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (Qrel q : all) {
            if (q.source().equals(source) && q.variant().equals(variant)) {
                out.computeIfAbsent(q.topicId(), k -> new LinkedHashMap<>()).put(q.docId(), q.grade());
            }
        }
        if (out.isEmpty()) {
            TreeSet<String> sources = new TreeSet<>(all.stream().map(Qrel::source).toList());
            throw new UserException("collection '" + collection.name() + "' has no " + variant
                    + " qrels from source '" + source + "'" + (sources.isEmpty() ? " (it has no qrels)"
                            : " (qrels sources: " + String.join(", ", sources) + ")"));
        }
        return out;
    }

    /** The run's scores of {@code variant} for the topics p-MRR looks at. */
    private static Map<String, Map<String, Double>> run(Connection c, Collection collection, String name,
            String variant, java.util.Collection<String> topics) throws SQLException {
        RunDao runs = new RunDao(c);
        Run run = runs.find(collection.id(), name).orElse(null);
        if (run == null) {
            List<String> names = runs.list(collection.id()).stream().map(RunSummary::run).map(Run::name).toList();
            throw new UserException("collection '" + collection.name() + "' has no run named '" + name + "'"
                    + (names.isEmpty() ? " (it has no runs)" : " (runs: " + String.join(", ", names) + ")"));
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String topicId : topics) {
            for (RunScore s : runs.scores(run.id(), topicId, variant)) {
                if (s.score() == null) {
                    // Top-ranked candidate lists carry ranks only; p-MRR ranks by score, as MTEB does.
                    throw new UserException("run '" + name + "' has no score for document '" + s.docId()
                            + "' of topic '" + topicId + "'; p-MRR needs scored runs");
                }
                out.computeIfAbsent(topicId, k -> new LinkedHashMap<>()).put(s.docId(), s.score());
            }
        }
        if (out.isEmpty()) {
            throw new UserException("run '" + name + "' has no " + variant
                    + " scores for any topic of the qrels (wrong run or variant?)");
        }
        return out;
    }
}
