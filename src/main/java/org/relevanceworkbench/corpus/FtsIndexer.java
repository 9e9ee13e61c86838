package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.FtsTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a collection's BM25 index after its documents are stored, in chunks of
 * {@value #CHUNK} documents, each its own transaction that also moves the collection's
 * watermark ({@code indexed_through}). So documents are browsable and scorable at once; search
 * covers what is indexed so far; a cancelled or crashed build resumes where it stopped; and other
 * writes (a judgment, a run) wait at most one chunk.
 *
 * <p>Measured ({@code bench store}, 200k documents of 1 KB, 2 cores): chunks of 10k, 20k, 50k and 100k documents
 * indexed in 4.1, 3.8, 3.3 and 3.1 s with FTS5's incremental merging on; with it off during the build, 4.1, 2.8, 2.7
 * and 3.0 s. So a build of more than one chunk turns 'automerge' off while it runs (FTS5's crisis merges still bound
 * the segments, at most 16 a level) and back on when it ends, and a chunk is 50k documents: other writes (a
 * judgment, a run) wait for at most one, under a second.
 */
public final class FtsIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(FtsIndexer.class);
    static final int CHUNK = 50_000;

    private final Database db;
    private final int chunk;

    public FtsIndexer(Database db) {
        this(db, CHUNK);
    }

    /** With a smaller chunk, for tests of resuming. */
    FtsIndexer(Database db, int chunk) {
        this.db = db;
        this.chunk = chunk;
    }

    /** Progress of an index build, in documents. */
    public interface Listener {
        Listener NONE = (collection, indexed, total) -> { };

        void progress(String collection, long indexed, long total);
    }

    /** Indexes every document of the collection not yet in its index; returns how many it indexed. */
    public long indexPending(Collection collection, Listener listener, CancellationToken cancel) {
        long[] counts = db.read(c -> new long[] {new CollectionDao(c).indexedDocuments(collection.id()), new DocumentDao(c).count(collection.id())});
        long indexed = counts[0];
        long total = counts[1];
        long added = 0;
        listener.progress(collection.name(), indexed, total);
        boolean bulk = total - indexed > chunk;
        boolean built = false;
        try {
            while (true) {
                cancel.throwIfCancelled();
                boolean first = added == 0;
                long done = db.write(c -> {
                    if (bulk && first) {
                        FtsTables.setAutomerge(c, collection.id(), 0);
                    }
                    return indexChunk(c, collection.id(), chunk);
                });
                if (done == 0) {
                    break;
                }
                added += done;
                indexed += done;
                listener.progress(collection.name(), indexed, Math.max(total, indexed));
            }
            built = true;
        } finally {
            finish(collection, bulk, built);
        }
        return added;
    }

    /**
     * After a build: 'automerge' back on, and once the index is whole its document lengths stored, last, since any
     * write to the index (that setting too) makes stored lengths stale; the stored postings it made stale deleted. All
     * best effort: the index is complete and correct without them, the next build turns merging back on, and a search
     * reads lengths and postings from FTS5 itself.
     */
    private void finish(Collection collection, boolean bulk, boolean built) {
        if (!bulk && !built) {
            return;
        }
        String table = FtsTables.ftsTable(collection.id());
        try {
            db.write(c -> {
                if (bulk) {
                    FtsTables.setAutomerge(c, collection.id(), FtsTables.DEFAULT_AUTOMERGE);
                }
                if (built) {
                    DocumentLengths.save(c, table);
                }
                StoredPostings.deleteStale(c, table);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("could not finish the BM25 index of '{}'", collection.name(), e);
        }
    }

    /** True when every document of the collection is in its BM25 index. */
    public boolean isComplete(Collection collection) {
        return db.read(c -> new CollectionDao(c).indexedDocuments(collection.id()) >= new DocumentDao(c).count(collection.id()));
    }

    private static long indexChunk(Connection c, long collectionId, int chunk) throws SQLException {
        CollectionDao collections = new CollectionDao(c);
        long from = collections.indexedThrough(collectionId); // re-read under the write lock
        long[] next = new DocumentDao(c).nextChunk(collectionId, from, chunk);
        long upTo = next[0];
        long count = next[1];
        if (count == 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + FtsTables.ftsTable(collectionId)
                + "(rowid, title, text) SELECT id, title, text FROM document"
                + " WHERE collection_id = ? AND id > ? AND id <= ?")) {
            ps.setLong(1, collectionId);
            ps.setLong(2, from);
            ps.setLong(3, upTo);
            ps.executeUpdate();
        }
        collections.setIndexedThrough(collectionId, upTo, count);
        return count;
    }
}
