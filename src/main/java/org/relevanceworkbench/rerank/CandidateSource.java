package org.relevanceworkbench.rerank;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.Bm25Search;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.Topic;

/** Resolves a {@link CandidateSpec} to the stored documents it names, in the order the spec gives them. */
public final class CandidateSource {
    private final Database db;

    public CandidateSource(Database db) {
        this.db = db;
    }

    /**
     * The candidates of a topic. Documents a run names but the collection lacks are left out (a run
     * may come from a larger collection than the one imported).
     */
    public List<Document> candidates(Collection collection, Topic topic, CandidateSpec spec) {
        List<String> ids = switch (spec.kind()) {
            case BM25 -> new Bm25Search(db).search(collection.name(), topic.query(), spec.k(), false).hits().stream()
                    .map(SearchHit::docId).toList();
            case ALL -> null;
            case RUN -> runDocuments(collection, topic, spec.runs().get(0), Integer.MAX_VALUE);
            case POOL -> pool(collection, topic, spec);
        };
        return db.read(c -> {
            DocumentDao documents = new DocumentDao(c);
            List<Document> out = new ArrayList<>();
            if (ids == null) {
                documents.forEach(collection.id(), out::add);
            } else {
                out.addAll(documents.findAll(collection.id(), ids));
            }
            return out;
        });
    }

    /** The union of each run's top k for the topic, in round-robin rank order (rank 1 of every run first). */
    private List<String> pool(Collection collection, Topic topic, CandidateSpec spec) {
        List<List<String>> tops = new ArrayList<>();
        for (String run : spec.runs()) {
            tops.add(runDocuments(collection, topic, run, spec.k()));
        }
        Set<String> pooled = new LinkedHashSet<>();
        for (int rank = 0; rank < spec.k(); rank++) {
            for (List<String> top : tops) {
                if (rank < top.size()) {
                    pooled.add(top.get(rank));
                }
            }
        }
        return List.copyOf(pooled);
    }

    private List<String> runDocuments(Collection collection, Topic topic, String runName, int k) {
        return db.read(c -> {
            Run run = new RunDao(c).find(collection.id(), runName).orElseThrow(
                    () -> new UserException("collection '" + collection.name() + "' has no run '" + runName + "'"));
            return distinctDocs(c, run.id(), topic.topicId(), k);
        });
    }

    /** A run's documents for a topic, best rank first (over all its variants), at most k. */
    private static List<String> distinctDocs(Connection c, long runId, String topicId, int k) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT doc_id FROM run_score WHERE run_id = ? AND topic_id = ?"
                + " GROUP BY doc_id ORDER BY min(rank), doc_id LIMIT ?")) {
            ps.setLong(1, runId);
            ps.setString(2, topicId);
            ps.setInt(3, k);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
