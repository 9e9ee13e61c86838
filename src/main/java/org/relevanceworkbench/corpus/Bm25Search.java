package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.FtsTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BM25 top-k over a collection's FTS5 index, for candidate generation and the search box.
 *
 * <p>The ranking query selects only rowid and rank ({@code ORDER BY rank}, FTS5's own top-k
 * path); titles and snippets are fetched afterwards for the k winners only, since computing a
 * snippet for every match would cost more than the ranking. Ties are broken by document id,
 * descending, as trec_eval orders tied scores, so the same query always gives the same list.
 */
public final class Bm25Search {
    private static final Logger LOG = LoggerFactory.getLogger(Bm25Search.class);
    public static final int MAX_K = 10_000;
    private static final int SNIPPET_TOKENS = 24;
    /** From this many indexed documents on, the fast path ranks (see {@link Bm25Fast}); below, FTS5's MATCH does. */
    static final long FAST_FROM_DOCUMENTS = 20_000;

    /** Who ranks: FTS5's MATCH (the reference), the fast path, or the fast path on large collections only. */
    public enum Ranking { PLAIN, FAST, AUTO }

    private final Database db;
    private final Ranking ranking;

    public Bm25Search(Database db) {
        this(db, Ranking.AUTO);
    }

    public Bm25Search(Database db, Ranking ranking) {
        this.db = db;
        this.ranking = ranking;
    }

    /** For benchmarks: forget the fast path's postings (keeping lengths), or everything, as a fresh process has. */
    public static void forgetFastPathCache(boolean everything) {
        Bm25Fast.forget(everything);
    }

    /** How many searches the fast path handed to FTS5's MATCH, and why the last one did (for benchmarks). */
    public static String fastPathFallbacks() {
        long n = Bm25Fast.FALLBACKS.get();
        return n == 0 ? "0" : n + " (last: " + Bm25Fast.lastFallback + ")";
    }

    public SearchResult search(String collectionName, String text, int k, boolean snippets) {
        if (k < 1 || k > MAX_K) {
            throw new UserException("k must be between 1 and " + MAX_K + ", not " + k);
        }
        FtsQuery query = FtsQuery.parse(text);
        PostingsToKeep toKeep = new PostingsToKeep();
        try {
            return db.read(c -> {
                Collection collection = new CollectionDao(c).require(collectionName);
                long indexed = new CollectionDao(c).indexedDocuments(collection.id());
                long total = new DocumentDao(c).count(collection.id());
                boolean fast = ranking == Ranking.FAST || (ranking == Ranking.AUTO && indexed >= FAST_FROM_DOCUMENTS);
                List<SearchHit> hits = query.isEmpty() ? List.of()
                        : rank(c, collection.id(), query, k, snippets, fast, toKeep);
                return new SearchResult(hits, query.terms(), query.dropped(), indexed, total);
            });
        } finally {
            toKeep.submit();
        }
    }

    private List<SearchHit> rank(Connection c, long collectionId, FtsQuery query, int k, boolean snippets,
            boolean fast, PostingsToKeep toKeep) throws SQLException {
        String fts = FtsTables.ftsTable(collectionId);
        List<Scored> top = null;
        if (fast) {
            List<Bm25Fast.Ranked> ranked = Bm25Fast.topK(c, db.file().toString(), fts, query.terms(), k,
                    toKeep, db::read);
            if (ranked != null) {
                top = ranked.stream().map(r -> new Scored(r.row(), r.rank())).toList();
            }
        }
        if (top == null) {
            top = topRanked(c, fts, query, k + 1);
            if (top.size() > k && top.get(k).rank == top.get(k - 1).rank) {
                top = settleTieAtCut(c, fts, query, top, k);
            } else if (top.size() > k) {
                top = top.subList(0, k);
            }
        }
        Map<Long, String[]> docs = details(c, top);
        Map<Long, String> snippetByRow = snippets ? snippets(c, fts, query, top) : Map.of();
        List<SearchHit> hits = new ArrayList<>(top.size());
        for (Scored s : top) {
            String[] doc = docs.get(s.row);
            hits.add(new SearchHit(0, s.row, doc[0], doc[1], -s.rank, snippetByRow.get(s.row)));
        }
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed()
                .thenComparing(SearchHit::docId, Comparator.reverseOrder()));
        List<SearchHit> ranked = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            ranked.add(new SearchHit(i + 1, h.row(), h.docId(), h.title(), h.score(), h.snippet()));
        }
        return ranked;
    }

    /**
     * The postings a search read the long way, handed to the writer once the search has its answer: storing one
     * encodes a megabyte, and on a machine of few cores that would slow the words still being read and the scoring.
     */
    private final class PostingsToKeep implements Bm25Index.Keeper {
        private final List<Runnable> kept = new ArrayList<>();

        @Override
        public synchronized void keep(Bm25Index index, byte[] token, Bm25Index.Postings postings) {
            kept.add(() -> keepPostings(index, token, postings));
        }

        synchronized void submit() {
            kept.forEach(Runnable::run);
            kept.clear();
        }
    }

    /**
     * Stores postings the fast path read the long way, behind the search (it does not wait): the next process reads
     * them in milliseconds. Best effort: a workspace another process is writing, or a read-only one, stays without.
     */
    private void keepPostings(Bm25Index index, byte[] token, Bm25Index.Postings postings) {
        try {
            db.submitOptionalWrite(w -> {
                StoredPostings.save(w, index.table, token, index.structure, index.base, index.span(), postings);
                return null;
            }).exceptionally(failure -> {
                LOG.debug("postings of a frequent word not stored: {}", failure.toString());
                return null;
            });
        } catch (RuntimeException closed) {
            LOG.debug("postings of a frequent word not stored: {}", closed.toString());
        }
    }

    /** A matching row and FTS5's rank for it (bm25(), lower is better). */
    private record Scored(long row, double rank) {
    }

    private static List<Scored> topRanked(Connection c, String fts, FtsQuery query, int limit) throws SQLException {
        List<Scored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rowid, rank FROM " + fts + " WHERE " + fts + " MATCH ? ORDER BY rank LIMIT ?")) {
            ps.setString(1, query.matchExpression());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Scored(rs.getLong(1), rs.getDouble(2)));
                }
            }
        }
        return out;
    }

    /**
     * Several rows tie at the k-th score, so which of them make the cut must not depend on FTS5's
     * internal order: take all rows with that score and keep those trec_eval would rank first
     * (the largest doc ids).
     */
    private static List<Scored> settleTieAtCut(Connection c, String fts, FtsQuery query, List<Scored> top, int k)
            throws SQLException {
        double tie = top.get(k - 1).rank;
        List<Scored> kept = new ArrayList<>(top.stream().filter(s -> s.rank < tie).toList());
        List<String[]> tied = new ArrayList<>();
        // Filtered here, not in SQL: FTS5 reads "rank = ?" as a request to change its rank function.
        try (PreparedStatement ps = c.prepareStatement("SELECT f.rowid, f.rank, d.doc_id FROM " + fts
                + " f JOIN document d ON d.id = f.rowid WHERE f." + fts + " MATCH ?")) {
            ps.setString(1, query.matchExpression());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getDouble(2) == tie) {
                        tied.add(new String[] {Long.toString(rs.getLong(1)), rs.getString(3)});
                    }
                }
            }
        }
        tied.sort(Comparator.comparing((String[] t) -> t[1]).reversed());
        for (String[] t : tied) {
            if (kept.size() == k) {
                break;
            }
            kept.add(new Scored(Long.parseLong(t[0]), tie));
        }
        return kept;
    }

    private static Map<Long, String[]> details(Connection c, List<Scored> rows) throws SQLException {
        Map<Long, String[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT doc_id, title FROM document WHERE id = ?")) {
            for (Scored row : rows) {
                ps.setLong(1, row.row);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(row.row, new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
        }
        return out;
    }

    private static Map<Long, String> snippets(Connection c, String fts, FtsQuery query, List<Scored> rows)
            throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT snippet(" + fts + ", -1, char(2), char(3), '…', "
                + SNIPPET_TOKENS + ") FROM " + fts + " WHERE " + fts + " MATCH ? AND rowid = ?")) {
            ps.setString(1, query.matchExpression());
            for (Scored row : rows) {
                ps.setLong(2, row.row);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(row.row, rs.getString(1));
                    }
                }
            }
        }
        return out;
    }
}
