package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Workspaces of a million documents. A collection keeps its document count and how many of them its BM25 index holds,
 * updated in the transaction that stores or indexes them, so that listing collections, a search and the window's
 * start-up no longer count a million index entries each time (count(*) over the collection's rows took 60 ms per
 * count at 1M documents). Documents get an index by collection in row order, so that the last row of a collection,
 * the next chunk for the BM25 index and a page of documents are found without walking other collections' rows; qrels
 * get one by topic, so that a topic's qrels are read without the whole collection's.
 */
final class Migration3_4 implements Migration {
    @Override
    public int from() {
        return 3;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE collection ADD COLUMN documents INTEGER NOT NULL DEFAULT 0");
            st.execute("ALTER TABLE collection ADD COLUMN indexed_documents INTEGER NOT NULL DEFAULT 0");
            st.execute("CREATE INDEX document_by_collection ON document(collection_id)"); // (collection_id, id)
            st.execute("CREATE INDEX qrel_by_topic ON qrel(collection_id, topic_id, variant)");
            st.execute("""
                UPDATE collection SET
                  documents = (SELECT count(*) FROM document d WHERE d.collection_id = collection.id),
                  indexed_documents = (SELECT count(*) FROM document d
                                       WHERE d.collection_id = collection.id AND d.id <= collection.indexed_through)""");
        }
    }
}
