package org.relevanceworkbench.export;

import java.util.List;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.judge.JudgedQrels;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;

/** Loads the qrels of a {@link QrelsSelection}; an unknown source or assessor is a user error, not an empty export. */
final class QrelsLoader {
    private final Database db;

    QrelsLoader(Database db) {
        this.db = db;
    }

    SelectedQrels load(Collection collection, QrelsSelection selection) {
        return switch (selection.kind()) {
            case SOURCE -> new SelectedQrels(stored(collection, selection.name()), 0);
            case ASSESSOR -> {
                requireAssessor(selection.name());
                List<Qrel> qrels = new JudgedQrels(db).ofAssessor(collection.id(), selection.name());
                if (qrels.isEmpty()) {
                    throw new UserException("assessor '" + selection.name() + "' has judged nothing in collection '"
                            + collection.name() + "'");
                }
                yield new SelectedQrels(qrels, 0);
            }
            case ADJUDICATED -> {
                if (selection.name() != null) {
                    requireAssessor(selection.name());
                }
                JudgedQrels.Adjudicated adjudicated = new JudgedQrels(db).adjudicated(collection.id(), selection.name());
                yield new SelectedQrels(adjudicated.qrels(), adjudicated.unresolved());
            }
        };
    }

    private List<Qrel> stored(Collection collection, String source) {
        List<Qrel> all = db.read(c -> new QrelDao(c).list(collection.id()));
        List<Qrel> selected = all.stream().filter(q -> q.source().equals(source)).toList();
        if (selected.isEmpty()) {
            List<String> sources = all.stream().map(Qrel::source).distinct().sorted().toList();
            throw new UserException("collection '" + collection.name() + "' has no qrels from source '" + source + "'"
                    + (sources.isEmpty() ? " (it has no qrels yet)" : " (sources: " + String.join(", ", sources) + ")"));
        }
        return selected;
    }

    private void requireAssessor(String name) {
        List<String> assessors = db.read(c -> new JudgmentDao(c).assessors());
        if (!assessors.contains(name)) {
            throw new UserException("no assessor named '" + name + "'"
                    + (assessors.isEmpty() ? " (nobody has judged yet)" : " (assessors: " + String.join(", ", assessors) + ")"));
        }
    }
}
