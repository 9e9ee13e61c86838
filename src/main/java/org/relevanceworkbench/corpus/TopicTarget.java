package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.ProblemKind;
import org.relevanceworkbench.formats.TopicRecord;
import org.relevanceworkbench.formats.VariantText;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.TopicDao;

/**
 * Creates topics or merges into them. A topic read twice from one file is a duplicate; a topic
 * read again from another file is updated (that is how MTEB's separate instruction file adds its
 * text). Every topic ends with a baseline variant, {@value TopicDao#BASELINE}, empty if nothing
 * gave it text.
 */
final class TopicTarget implements StoreTarget<TopicRecord> {
    private final TopicDao topics;
    private final Collection collection;
    private final Map<String, Long> seenInFile = new HashMap<>();

    TopicTarget(Connection connection, Collection collection) {
        this.topics = new TopicDao(connection);
        this.collection = collection;
    }

    @Override
    public Problem store(TopicRecord r) throws Exception {
        String key = r.topicId() + r.variants().stream().map(VariantText::name).sorted()
                .collect(Collectors.joining(",", "|", ""));
        Long firstLine = seenInFile.putIfAbsent(key, r.at().line());
        if (firstLine != null) {
            return new Problem(r.at(), ProblemKind.DUPLICATE,
                    "duplicate topic '" + r.topicId() + "' (first at line " + firstLine + ")");
        }
        long row;
        if (r.query() == null) {
            Optional<Long> existing = topics.findRow(collection.id(), r.topicId());
            if (existing.isEmpty()) {
                seenInFile.remove(key);
                return new Problem(r.at(), ProblemKind.UNKNOWN_TOPIC, "instruction for unknown topic '" + r.topicId()
                        + "' (import the file with its query text first)");
            }
            row = existing.get();
        } else {
            row = topics.upsert(collection.id(), r.topicId(), r.query(), r.description(), r.narrative());
        }
        for (VariantText v : r.variants()) {
            topics.upsertVariant(row, v.name(), v.instruction());
        }
        topics.upsertVariant(row, TopicDao.BASELINE, null);
        return null;
    }
}
