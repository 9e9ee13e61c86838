package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The FollowIR score cache: a score already computed for the same weights, prompt template,
 * precision, maximum length, special-token mode, query text (query + instruction) and document is
 * never computed again. The query text is keyed by its SHA-256 so rows stay small.
 */
final class Migration1_2 implements Migration {
    @Override
    public int from() {
        return 1;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("""
                CREATE TABLE score_cache (
                  model_fingerprint TEXT NOT NULL,
                  template_hash     TEXT NOT NULL,
                  dtype             TEXT NOT NULL,
                  max_length        INTEGER NOT NULL,
                  special_tokens    TEXT NOT NULL,
                  query_sha256      TEXT NOT NULL, -- of FollowIR's {query}: (query + " " + instruction).strip()
                  collection_id     INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  doc_id            TEXT NOT NULL,
                  p_true            REAL NOT NULL,
                  logit_true        REAL NOT NULL,
                  logit_false       REAL NOT NULL,
                  n_tokens          INTEGER NOT NULL,
                  truncated         INTEGER NOT NULL,
                  created_at        TEXT NOT NULL,
                  PRIMARY KEY (model_fingerprint, template_hash, dtype, max_length, special_tokens, query_sha256,
                               collection_id, doc_id)
                ) WITHOUT ROWID""");
        }
    }
}
