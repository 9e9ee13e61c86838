package org.relevanceworkbench.corpus;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;

/** Test helper: a workspace and one-line calls into the import service. */
final class Workspace implements AutoCloseable {
    final Database db;
    final ImportService imports;

    Workspace(Path file) {
        db = Database.open(file);
        imports = new ImportService(db);
    }

    ImportResult documents(String collection, ImportOptions options, Path... files) {
        return imports.importDocuments(collection, sources(files), options, ImportListener.NONE, new CancellationToken());
    }

    ImportResult documents(String collection, Path... files) {
        return documents(collection, ImportOptions.defaults(), files);
    }

    ImportResult topics(String collection, Path... files) {
        return imports.importTopics(collection, sources(files), ImportOptions.defaults(), ImportListener.NONE,
                new CancellationToken());
    }

    ImportResult qrels(String collection, ImportOptions options, Path... files) {
        return imports.importQrels(collection, sources(files), options, ImportListener.NONE, new CancellationToken());
    }

    ImportResult runs(String collection, ImportOptions options, Path... files) {
        return imports.importRuns(collection, sources(files), options, ImportListener.NONE, new CancellationToken());
    }

    Collection collection(String name) {
        return db.read(c -> new CollectionDao(c).require(name));
    }

    long documentCount(String collection) {
        Collection c = collection(collection);
        return db.read(conn -> new DocumentDao(conn).count(c.id()));
    }

    void index(String collection) {
        new FtsIndexer(db).indexPending(collection(collection), FtsIndexer.Listener.NONE, new CancellationToken());
    }

    static List<SourceFile> sources(Path... files) {
        return Arrays.stream(files).map(SourceFile::of).toList();
    }

    @Override
    public void close() {
        db.close();
    }

    /** A token that cancels itself at its n-th check: cancels at an exact record, no timing involved. */
    static final class CancelAfter extends CancellationToken {
        private int checksLeft;

        CancelAfter(int checks) {
            this.checksLeft = checks;
        }

        @Override
        public boolean isCancelled() {
            if (checksLeft > 0) {
                checksLeft--;
                return super.isCancelled();
            }
            cancel();
            return true;
        }
    }
}
