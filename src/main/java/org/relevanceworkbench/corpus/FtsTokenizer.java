package org.relevanceworkbench.corpus;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.store.FtsTables;

/**
 * What FTS5's own tokenizer makes of a query word — the index terms its phrase matches ("directing" is "direct"
 * under Porter) — asked of FTS5 itself in a private in-memory database, so that the fast BM25 path reads exactly the
 * doclists FTS5's MATCH would. One per JVM, with a bounded cache of answers.
 */
final class FtsTokenizer {
    private static final int CACHED_WORDS = 4096;
    private static FtsTokenizer shared;

    private final Connection memory;
    private final Map<String, List<byte[]>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<byte[]>> eldest) {
            return size() > CACHED_WORDS;
        }
    };

    private FtsTokenizer() throws SQLException {
        memory = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement st = memory.createStatement()) {
            st.execute("CREATE VIRTUAL TABLE words USING fts5(word, tokenize='" + FtsTables.TOKENIZE + "')");
            st.execute("CREATE VIRTUAL TABLE words_instances USING fts5vocab(words, instance)");
        }
    }

    static synchronized FtsTokenizer get() throws SQLException {
        if (shared == null) {
            shared = new FtsTokenizer();
        }
        return shared;
    }

    /** The in-memory database, for the fast path's self-check against FTS5's bm25(). */
    Connection memory() {
        return memory;
    }

    /** The index terms of each word, in order (usually one each). */
    synchronized List<List<byte[]>> tokens(List<String> words) throws SQLException {
        Map<String, List<byte[]>> known = new java.util.HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String word : words) {
            List<byte[]> cached = cache.get(word);
            if (cached != null) {
                known.put(word, cached);
            } else if (!missing.contains(word)) {
                missing.add(word);
            }
        }
        if (!missing.isEmpty()) {
            try (Statement st = memory.createStatement()) {
                st.execute("DELETE FROM words");
            }
            try (PreparedStatement insert = memory.prepareStatement("INSERT INTO words(rowid, word) VALUES (?, ?)")) {
                for (int i = 0; i < missing.size(); i++) {
                    insert.setInt(1, i + 1);
                    insert.setString(2, missing.get(i));
                    insert.executeUpdate();
                }
            }
            List<List<byte[]>> found = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                found.add(new ArrayList<>());
            }
            try (Statement st = memory.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT doc, term FROM words_instances ORDER BY doc, col, offset")) {
                while (rs.next()) {
                    found.get(rs.getInt(1) - 1).add(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (int i = 0; i < missing.size(); i++) {
                List<byte[]> tokens = List.copyOf(found.get(i));
                cache.put(missing.get(i), tokens);
                known.put(missing.get(i), tokens);
            }
        }
        List<List<byte[]>> out = new ArrayList<>(words.size());
        for (String word : words) {
            out.add(known.get(word));
        }
        return out;
    }
}
