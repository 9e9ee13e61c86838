package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.ProblemKind;
import org.relevanceworkbench.formats.RunRecord;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

/**
 * Stores a run file as one run. The run is created at the first valid line, named by --name, else
 * the line's tag, else the file name; a file with no valid line creates no run.
 */
final class RunTarget implements StoreTarget<RunRecord> {
    private final RunDao runs;
    private final Collection collection;
    private final SourceFile source;
    private final ImportOptions options;
    private final VariantResolver variants;
    private RunDao.Inserter inserter;

    RunTarget(Connection connection, Collection collection, SourceFile source, ImportOptions options,
            VariantResolver variants) {
        this.runs = new RunDao(connection);
        this.collection = collection;
        this.source = source;
        this.options = options;
        this.variants = variants;
    }

    @Override
    public Problem store(RunRecord r) throws SQLException {
        if (inserter == null) {
            inserter = runs.inserter(createRun(r).id());
        }
        String variant = variants.resolve(r.variant());
        if (inserter.insert(RunScore.ranked(r.topicId(), variant, r.docId(), r.rank(), r.score()))) {
            return null;
        }
        return new Problem(r.at(), ProblemKind.DUPLICATE, "document '" + r.docId() + "' listed twice for topic '"
                + r.topicId() + "' (" + variant + ")");
    }

    private Run createRun(RunRecord first) throws SQLException {
        String name = options.runName() != null ? options.runName().strip()
                : first.tag() != null ? first.tag() : baseName(source.name());
        Optional<Run> existing = runs.find(collection.id(), name);
        if (existing.isPresent()) {
            if (!options.replaceRun()) {
                throw new UserException("run '" + name + "' already exists in collection '" + collection.name()
                        + "': choose another --name or add --replace");
            }
            runs.delete(existing.get().id());
        }
        return runs.create(collection.id(), Run.imported(name, source.name()));
    }

    static String baseName(String file) {
        String name = file.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String ext : new String[] {".gz", ".jsonl", ".txt", ".run", ".trec", ".tsv"}) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                name = name.substring(0, name.length() - ext.length());
            }
        }
        return name.isEmpty() ? "run" : name;
    }

    @Override
    public void close() throws SQLException {
        if (inserter != null) {
            inserter.close();
        }
    }
}
