package org.relevanceworkbench.export;

import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.TrecQrelsWriter;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * TREC qrels ({@code topic 0 docno grade}) of one variant, or of every variant with MTEB-style query
 * ids ({@code 301-changed}, which {@code qrels import} splits back into topic and variant). Lines are
 * sorted by topic (numeric ids by value), then variant (og first), then docno.
 */
public final class QrelsExport {
    private final Database db;

    public QrelsExport(Database db) {
        this.db = db;
    }

    /**
     * What will be written; nothing is written until {@link #writeTo}, so user errors leave no file.
     *
     * @param conditions null, or per qrel (topic, variant, doc) the judgment's condition as extra columns:
     *                   {@code condition suggested_p queue_order app_version}, {@code -} for what is unknown
     */
    public record Prepared(List<Qrel> qrels, boolean variantIds, int unresolved, Map<String, String> conditions) {
        public void writeTo(Writer out) throws IOException {
            TrecQrelsWriter trec = new TrecQrelsWriter(out);
            for (Qrel q : qrels) {
                trec.write(variantIds ? q.topicId() + "-" + q.variant() : q.topicId(), q.docId(), q.grade(),
                        conditions == null ? null : conditions.getOrDefault(key(q.topicId(), q.variant(), q.docId()),
                                "unrecorded - - -"));
            }
        }
    }

    private static String key(String topicId, String variant, String docId) {
        return topicId + '\u0000' + variant + '\u0000' + docId;
    }

    /**
     * As {@link #prepare}, each line followed by the condition its judgment was made under (condition, the p(true)
     * shown or {@code -}, the queue order, the app version). Conditions belong to one assessor's judgments, so the
     * selection must be an assessor's.
     */
    public Prepared prepareWithConditions(String collectionName, QrelsSelection selection, String variant) {
        if (selection.kind() != QrelsSelection.Kind.ASSESSOR) {
            throw new UserException("judging conditions belong to one assessor's judgments: export them with"
                    + " --assessor NAME");
        }
        Prepared plain = prepare(collectionName, selection, variant);
        Collection collection = Lookups.collection(db, collectionName);
        Map<String, String> conditions = new HashMap<>();
        for (Judgment j : db.read(c -> new JudgmentDao(c).list(collection.id()))) {
            if (j.assessor().equals(selection.name())) {
                conditions.put(key(j.topicId(), j.variant(), j.docId()), columns(j.condition()));
            }
        }
        return new Prepared(plain.qrels(), plain.variantIds(), plain.unresolved(), conditions);
    }

    private static String columns(Judgment.Condition c) {
        if (c == null) {
            return "unrecorded - - -";
        }
        return c.kind() + " " + (c.suggestedP() == null ? "-" : org.relevanceworkbench.formats.Decimals.plain(
                c.suggestedP())) + " " + (c.queueOrder() == null ? "-" : c.queueOrder()) + " "
                + (c.appVersion() == null ? "-" : c.appVersion().replaceAll("\\s+", "_"));
    }

    /** {@code variant} null means every variant, with {@code topic-variant} ids. */
    public Prepared prepare(String collectionName, QrelsSelection selection, String variant) {
        Collection collection = Lookups.collection(db, collectionName);
        SelectedQrels selected = SelectedQrels.load(db, collection, selection);
        if (variant != null) {
            requireKnownVariant(collection, selected, variant);
        }
        List<Qrel> lines = selected.qrels().stream().filter(q -> variant == null || q.variant().equals(variant))
                .sorted(Comparator.comparing(Qrel::topicId, TrecOrder.TOPICS)
                        .thenComparing(Qrel::variant, QrelsExport::compareVariants)
                        .thenComparing(Qrel::docId, TrecOrder.DOCNOS))
                .toList();
        return new Prepared(lines, variant == null, selected.unresolved(), null);
    }

    /** A variant is known when a topic of the collection has it or the selected qrels use it. */
    private void requireKnownVariant(Collection collection, SelectedQrels selected, String variant) {
        List<Topic> topics = db.read(c -> new TopicDao(c).list(collection.id()));
        Set<String> known = new TreeSet<>();
        Stream.concat(topics.stream().flatMap(t -> t.variants().stream()).map(Variant::name),
                selected.qrels().stream().map(Qrel::variant)).forEach(known::add);
        if (!known.contains(variant)) {
            throw new UserException("collection '" + collection.name() + "' has no variant '" + variant
                    + "' (variants: " + String.join(", ", known) + ")");
        }
    }

    /** The baseline first, then the others alphabetically. */
    static int compareVariants(String a, String b) {
        boolean baselineA = a.equals(TopicDao.BASELINE);
        boolean baselineB = b.equals(TopicDao.BASELINE);
        if (baselineA != baselineB) {
            return baselineA ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
