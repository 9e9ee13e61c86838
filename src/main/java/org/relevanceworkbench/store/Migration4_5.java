package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Judging conditions, as TREC practice records them (LLM-assisted judging studies such as TREC 2024 RAG compare
 * exactly these): every judgment keeps the condition it was made under — a model suggestion shown (and its p), blind
 * (none shown), or post-editing a model label (the model's label pre-selected) — the order of the queue it came from,
 * and the version of the app. Judgments made before this step have no condition recorded (NULL).
 */
final class Migration4_5 implements Migration {
    @Override
    public int from() {
        return 4;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE judgment ADD COLUMN condition TEXT"); // 'suggested', 'blind', 'post-edit'
            st.execute("ALTER TABLE judgment ADD COLUMN suggested_p REAL"); // the p(true) shown, if any
            st.execute("ALTER TABLE judgment ADD COLUMN queue_order TEXT"); // model-score, uncertainty, collection, blind
            st.execute("ALTER TABLE judgment ADD COLUMN app_version TEXT");
        }
    }
}
