package org.relevanceworkbench.rerank;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsQuery;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.model.FollowIrPrompt;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.FtsTables;

/**
 * BM25 as a baseline scorer: each candidate's FTS5 bm25() for the words of query and instruction
 * together. It reads an instruction only as more words — it cannot follow one — which is exactly
 * what a comparison against FollowIR shows. Candidates matching no word score 0. The score is
 * in the p(true) slot of {@link DocumentScore}; it is not a probability.
 */
public final class Bm25Scorer implements Scorer {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Provenance PROVENANCE = new Provenance("bm25", "fts5-bm25-porter-unicode61", "query+instruction",
            "fp64", 0, "n/a", Provenance.Backend.BM25);

    private final Database db;
    private final Collection collection;

    public Bm25Scorer(Database db, Collection collection) {
        this.db = db;
        this.collection = collection;
    }

    @Override
    public Provenance provenance() {
        return PROVENANCE;
    }

    @Override
    public String describe() {
        return "BM25 (query + instruction words)";
    }

    @Override
    public void close() {
        // holds nothing: the workspace is the caller's
    }

    @Override
    public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
            ScoreListener listener, CancellationToken cancel) {
        cancel.throwIfCancelled();
        FtsQuery words = FtsQuery.parse(FollowIrPrompt.queryField(query, instruction));
        Map<String, Double> byDoc = words.isEmpty() ? Map.of() : scores(words, candidates);
        List<DocumentScore> out = new ArrayList<>();
        for (Candidate c : candidates) {
            double s = byDoc.getOrDefault(c.id(), 0.0);
            out.add(new DocumentScore(c.id(), s, Double.NaN, Double.NaN, 0, false));
        }
        listener.scored(out, out.size(), out.size());
        return out;
    }

    private Map<String, Double> scores(FtsQuery words, List<Candidate> candidates) {
        List<String> ids = candidates.stream().map(Candidate::id).toList();
        String fts = FtsTables.ftsTable(collection.id());
        return db.read(c -> {
            List<Long> rows = new ArrayList<>();
            Map<Long, String> idOfRow = new HashMap<>();
            DocumentDao documents = new DocumentDao(c);
            for (String id : ids) {
                documents.find(collection.id(), id).ifPresent(d -> {
                    rows.add(d.row());
                    idOfRow.put(d.row(), id);
                });
            }
            Map<String, Double> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rowid, -bm25(" + fts + ") FROM " + fts + " WHERE "
                    + fts + " MATCH ? AND rowid IN (SELECT value FROM json_each(?))")) {
                ps.setString(1, words.matchExpression());
                ps.setString(2, JSON.writeValueAsString(rows));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(idOfRow.get(rs.getLong(1)), rs.getDouble(2));
                    }
                }
            }
            return out;
        });
    }
}
