package org.relevanceworkbench.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * Judged pairs as LLaMA-Factory SFT data in FollowIR-7B's training format ({@link AlpacaRecord}):
 * one record per qrel whose topic, variant and document the collection holds, labelled "true" when
 * the grade reaches the level. Records follow topic (numeric ids by value), variant (og first), docno.
 */
public final class LlamaFactoryExport {
    /** The dataset name the model card's training script passes as {@code --dataset}. */
    public static final String DATASET_NAME = "followIR-train";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public LlamaFactoryExport(Database db) {
        this.db = db;
    }

    /** The records, and how many qrels had no topic, variant or document to build a prompt from. */
    public record Prepared(List<AlpacaRecord> records, int leftOut, int unresolved) {
        /** A JSON array, one record per line (what LLaMA-Factory's JSON loader reads). */
        public void writeTo(Writer out) throws IOException {
            out.write("[");
            for (int i = 0; i < records.size(); i++) {
                out.write(i == 0 ? "\n" : ",\n");
                out.write(JSON.writeValueAsString(records.get(i)));
            }
            out.write("\n]\n");
        }
    }

    /** {@code topicId} and {@code variant} narrow the export when not null; grades ≥ {@code level} are "true". */
    public Prepared prepare(String collectionName, String topicId, String variant, QrelsSelection selection, int level) {
        Collection collection = Lookups.collection(db, collectionName);
        Map<String, Topic> topics = db.read(c -> new TopicDao(c).list(collection.id())).stream()
                .collect(Collectors.toMap(Topic::topicId, Function.identity()));
        if (topicId != null) {
            Topic topic = Lookups.topic(db, collection, topicId);
            if (variant != null) {
                Lookups.variant(topic, variant);
            }
        } else if (variant != null && topics.values().stream().noneMatch(t -> t.variant(variant).isPresent())) {
            throw new UserException("no topic of collection '" + collection.name() + "' has variant '" + variant + "'");
        }
        SelectedQrels selected = SelectedQrels.load(db, collection, selection);
        List<Qrel> qrels = selected.qrels().stream()
                .filter(q -> topicId == null || q.topicId().equals(topicId))
                .filter(q -> variant == null || q.variant().equals(variant))
                .sorted(Comparator.comparing(Qrel::topicId, TrecOrder.TOPICS)
                        .thenComparing(Qrel::variant, QrelsExport::compareVariants)
                        .thenComparing(Qrel::docId, TrecOrder.DOCNOS))
                .toList();
        List<AlpacaRecord> records = new ArrayList<>();
        int leftOut = db.read(c -> {
            DocumentDao documents = new DocumentDao(c);
            int missing = 0;
            for (Qrel q : qrels) {
                Topic topic = topics.get(q.topicId());
                Optional<Variant> v = topic == null ? Optional.empty() : topic.variant(q.variant());
                Optional<Document> d = documents.find(collection.id(), q.docId());
                if (v.isEmpty() || d.isEmpty()) {
                    missing++;
                    continue;
                }
                records.add(AlpacaRecord.of(topic.query(), v.get().instruction(), d.get().title(), d.get().text(),
                        q.grade() >= level));
            }
            return missing;
        });
        if (records.isEmpty()) {
            throw new UserException("nothing to export: " + selection.describe() + " give no judged pair"
                    + (topicId == null ? "" : " of topic '" + topicId + "'") + (variant == null ? "" : " (" + variant + ")")
                    + " whose topic and document the collection holds");
        }
        return new Prepared(List.copyOf(records), leftOut, selected.unresolved());
    }

    /** The content of the {@code dataset_info.json} beside {@code dataFile}, registering it as {@value #DATASET_NAME}. */
    public static String datasetInfo(Path dataFile) throws IOException {
        Path absolute = dataFile.toAbsolutePath();
        return LlamaFactoryDatasetInfo.merged(datasetInfoPath(dataFile), DATASET_NAME,
                absolute.getFileName().toString());
    }

    public static Path datasetInfoPath(Path dataFile) {
        return dataFile.toAbsolutePath().resolveSibling(LlamaFactoryDatasetInfo.FILE_NAME);
    }
}
