package org.relevanceworkbench.export;

import java.util.List;
import java.util.Optional;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunSummary;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/** What every export looks up by name, each a one-line user error when the name is unknown. */
final class Lookups {
    private Lookups() {
    }

    static Collection collection(Database db, String name) {
        return db.read(c -> new CollectionDao(c).require(name));
    }

    static Topic topic(Database db, Collection collection, String topicId) {
        return db.read(c -> new TopicDao(c).find(collection.id(), topicId)).orElseThrow(() -> new UserException(
                "collection '" + collection.name() + "' has no topic '" + topicId + "'"));
    }

    static Variant variant(Topic topic, String name) {
        return topic.variant(name).orElseThrow(() -> new UserException("topic '" + topic.topicId()
                + "' has no variant '" + name + "' (its variants: " + String.join(", ", names(topic)) + ")"));
    }

    static List<String> names(Topic topic) {
        return topic.variants().stream().map(Variant::name).toList();
    }

    static Run run(Database db, Collection collection, String name) {
        return db.read(c -> {
            RunDao runs = new RunDao(c);
            Optional<Run> found = runs.find(collection.id(), name);
            if (found.isPresent()) {
                return found.get();
            }
            List<String> known = runs.list(collection.id()).stream().map(RunSummary::run).map(Run::name).toList();
            throw new UserException("collection '" + collection.name() + "' has no run '" + name + "'"
                    + (known.isEmpty() ? " (it has no runs yet)" : " (runs: " + String.join(", ", known) + ")"));
        });
    }
}
