package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Scores from inference servers. The score cache gains the backend in its key ({@code local}, {@code server/ROUTE}),
 * so that a server's fp16/bf16 scores and local fp32 scores never stand in for each other; logits become optional
 * (vLLM's pooling route returns only their difference, kept as {@code logit_diff}); and an approximate score (read off
 * a top-k logprob list that lacked one of the two tokens) keeps the interval {@code [p_low, p_high]} it is known to lie
 * in. Runs record their backend and, for servers, route, engine, version, URLs and the model id the servers report.
 * Existing cache rows and model runs were all computed locally.
 */
final class Migration2_3 implements Migration {
    @Override
    public int from() {
        return 2;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("""
                CREATE TABLE score_cache_v3 (
                  backend           TEXT NOT NULL, -- 'local' or 'server/' + route
                  model_fingerprint TEXT NOT NULL,
                  template_hash     TEXT NOT NULL,
                  dtype             TEXT NOT NULL,
                  max_length        INTEGER NOT NULL,
                  special_tokens    TEXT NOT NULL,
                  query_sha256      TEXT NOT NULL,
                  collection_id     INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  doc_id            TEXT NOT NULL,
                  p_true            REAL NOT NULL,
                  logit_true        REAL,
                  logit_false       REAL,
                  logit_diff        REAL,
                  p_low             REAL, -- with p_high: set only for approximate scores
                  p_high            REAL,
                  n_tokens          INTEGER NOT NULL,
                  truncated         INTEGER NOT NULL,
                  created_at        TEXT NOT NULL,
                  PRIMARY KEY (backend, model_fingerprint, template_hash, dtype, max_length, special_tokens,
                               query_sha256, collection_id, doc_id)
                ) WITHOUT ROWID""");
            st.execute("""
                INSERT INTO score_cache_v3
                SELECT 'local', model_fingerprint, template_hash, dtype, max_length, special_tokens, query_sha256,
                       collection_id, doc_id, p_true, logit_true, logit_false, logit_true - logit_false, NULL, NULL,
                       n_tokens, truncated, created_at
                FROM score_cache""");
            st.execute("DROP TABLE score_cache");
            st.execute("ALTER TABLE score_cache_v3 RENAME TO score_cache");

            st.execute("ALTER TABLE run ADD COLUMN backend TEXT"); // NULL for imported runs
            st.execute("ALTER TABLE run ADD COLUMN server_route TEXT");
            st.execute("ALTER TABLE run ADD COLUMN server_engine TEXT");
            st.execute("ALTER TABLE run ADD COLUMN server_version TEXT");
            st.execute("ALTER TABLE run ADD COLUMN server_urls TEXT"); // space-separated base URLs
            st.execute("ALTER TABLE run ADD COLUMN server_model TEXT");
            st.execute("UPDATE run SET backend = 'local' WHERE scorer = 'followir'");
            st.execute("UPDATE run SET backend = 'bm25' WHERE scorer = 'bm25'");

            st.execute("ALTER TABLE run_score ADD COLUMN logit_diff REAL");
            st.execute("ALTER TABLE run_score ADD COLUMN p_low REAL");
            st.execute("ALTER TABLE run_score ADD COLUMN p_high REAL");
            st.execute("UPDATE run_score SET logit_diff = logit_true - logit_false WHERE logit_true IS NOT NULL");
        }
    }
}
