package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The first schema. Every score and judgment is a row (never a blob) so that SQL, exports and
 * agreement statistics can read them directly. Topics, qrels and runs belong to a collection:
 * TREC topic numbers repeat across test collections (Robust04 and Core17 share them), so a topic
 * id alone is not unique in a workspace. Qrels and run rows name documents and topics by their
 * external ids, because users import them before or without the documents they mention.
 * The BM25 index is one FTS5 table per collection (see {@link FtsTables}) so that BM25's
 * document frequencies and lengths are those of that collection alone.
 */
final class Migration0_1 implements Migration {
    @Override
    public int from() {
        return 0;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("""
                CREATE TABLE collection (
                  id              INTEGER PRIMARY KEY,
                  name            TEXT NOT NULL UNIQUE,
                  created_at      TEXT NOT NULL,
                  indexed_through INTEGER NOT NULL DEFAULT 0 -- highest document.id in its FTS index
                )""");
            st.execute("""
                CREATE TABLE document (
                  id            INTEGER PRIMARY KEY,
                  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  doc_id        TEXT NOT NULL,
                  title         TEXT,
                  text          TEXT NOT NULL,
                  fields        TEXT, -- JSON object of the source's other fields, NULL when none
                  UNIQUE (collection_id, doc_id)
                )""");
            st.execute("""
                CREATE TABLE topic (
                  id            INTEGER PRIMARY KEY,
                  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  topic_id      TEXT NOT NULL,
                  query         TEXT NOT NULL,
                  description   TEXT,
                  narrative     TEXT,
                  UNIQUE (collection_id, topic_id)
                )""");
            st.execute("""
                CREATE TABLE variant (
                  id          INTEGER PRIMARY KEY,
                  topic_ref   INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
                  name        TEXT NOT NULL,
                  instruction TEXT NOT NULL,
                  position    INTEGER NOT NULL, -- 0 is the baseline
                  UNIQUE (topic_ref, name)
                )""");
            st.execute("""
                CREATE TABLE qrel (
                  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  source        TEXT NOT NULL, -- 'imported' or a set name given at import
                  topic_id      TEXT NOT NULL,
                  variant       TEXT NOT NULL,
                  doc_id        TEXT NOT NULL,
                  grade         INTEGER NOT NULL,
                  PRIMARY KEY (collection_id, source, topic_id, variant, doc_id)
                ) WITHOUT ROWID""");
            st.execute("""
                CREATE TABLE run (
                  id                INTEGER PRIMARY KEY,
                  collection_id     INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  name              TEXT NOT NULL,
                  scorer            TEXT NOT NULL, -- 'imported', 'bm25', 'followir'
                  model_fingerprint TEXT,
                  template_hash     TEXT,
                  dtype             TEXT,
                  max_length        INTEGER,
                  special_tokens    TEXT, -- how special-token text inside documents was encoded
                  source            TEXT, -- the imported file, when imported
                  created_at        TEXT NOT NULL,
                  UNIQUE (collection_id, name)
                )""");
            st.execute("""
                CREATE TABLE run_score (
                  run_id      INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                  topic_id    TEXT NOT NULL,
                  variant     TEXT NOT NULL,
                  doc_id      TEXT NOT NULL,
                  rank        INTEGER NOT NULL,
                  score       REAL, -- NULL when the source gave an order only (top_ranked.jsonl)
                  logit_true  REAL,
                  logit_false REAL,
                  n_tokens    INTEGER,
                  truncated   INTEGER,
                  PRIMARY KEY (run_id, topic_id, variant, doc_id)
                ) WITHOUT ROWID""");
            st.execute("""
                CREATE TABLE assessor (
                  id         INTEGER PRIMARY KEY,
                  name       TEXT NOT NULL UNIQUE,
                  created_at TEXT NOT NULL
                )""");
            st.execute("""
                CREATE TABLE judgment (
                  id            INTEGER PRIMARY KEY,
                  assessor_id   INTEGER NOT NULL REFERENCES assessor(id) ON DELETE CASCADE,
                  collection_id INTEGER NOT NULL REFERENCES collection(id) ON DELETE CASCADE,
                  topic_id      TEXT NOT NULL,
                  variant       TEXT NOT NULL,
                  doc_id        TEXT NOT NULL,
                  grade         INTEGER NOT NULL,
                  note          TEXT,
                  seconds_spent REAL NOT NULL DEFAULT 0,
                  judged_at     TEXT NOT NULL,
                  UNIQUE (assessor_id, collection_id, topic_id, variant, doc_id)
                )""");
            st.execute("CREATE INDEX judgment_by_topic ON judgment(collection_id, topic_id, variant)");
        }
    }
}
