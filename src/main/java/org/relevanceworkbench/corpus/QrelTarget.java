package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.ProblemKind;
import org.relevanceworkbench.formats.QrelRecord;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.QrelDao;

/** Upserts qrels into their variant; a second line for the same topic, variant and document in one file is refused. */
final class QrelTarget implements StoreTarget<QrelRecord> {
    private final QrelDao.Upserter upserter;
    private final VariantResolver variants;
    private final Map<String, Long> seenInFile = new HashMap<>();

    QrelTarget(Connection connection, Collection collection, String source, VariantResolver variants)
            throws SQLException {
        this.upserter = new QrelDao(connection).upserter(collection.id(), source);
        this.variants = variants;
    }

    @Override
    public Problem store(QrelRecord r) throws SQLException {
        String variant = variants.resolve(r.variant());
        Long firstLine = seenInFile.putIfAbsent(r.topicId() + '\u0000' + variant + '\u0000' + r.docId(), r.at().line());
        if (firstLine != null) {
            return new Problem(r.at(), ProblemKind.DUPLICATE, "duplicate judgment of '" + r.docId() + "' for topic '"
                    + r.topicId() + "' (" + variant + ") (first at line " + firstLine + ")");
        }
        upserter.upsert(r.topicId(), variant, r.docId(), r.grade());
        return null;
    }

    @Override
    public void close() throws SQLException {
        upserter.close();
    }
}
