package org.relevanceworkbench.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;

/**
 * The comparison table of one topic: a row per document any of the runs ranks for it, with
 * {@code doc_id} and {@code title}; per variant V {@code p_true_V} (the run's score: p(true) for
 * FollowIR runs, null for a run imported as an order only) and {@code rank_V} (as trec_eval derives
 * it); for the compared variants A and B {@code delta_p_B_minus_A} = p(B) - p(A) (the exact difference
 * of the printed decimals) and {@code rank_change_A_to_B} = rank(A) - rank(B) (positive: B ranks the
 * document higher); per variant {@code qrel_V}, the imported grade; and {@code grade_ASSESSOR_V} (with
 * {@code condition_ASSESSOR_V}, the judging condition: suggested, blind, post-edit or unrecorded) per
 * assessor who judged the topic. Missing values are null. Rows follow A's ranking, then B's, then doc id.
 */
public final class TableExport {
    private final Database db;

    public TableExport(Database db) {
        this.db = db;
    }

    /**
     * {@code runsByVariant} (variant → run name) wins over {@code runPrefix}; {@code compare} names
     * the two variants to compare, or is null for the first two variants that have scores.
     */
    public Table build(String collectionName, String topicId, Map<String, String> runsByVariant, String runPrefix,
            List<String> compare) {
        Collection collection = Lookups.collection(db, collectionName);
        Topic topic = Lookups.topic(db, collection, topicId);
        Map<String, List<RunScore>> scores = new TableRuns(db, collection, topic).resolve(runsByVariant, runPrefix);
        List<String> variants = List.copyOf(scores.keySet());
        List<String> pair = comparedPair(variants, compare);
        Map<String, Map<String, RankedDocument>> ranked = new HashMap<>();
        Set<String> docIds = new LinkedHashSet<>();
        scores.forEach((variant, list) -> {
            Map<String, RankedDocument> byDoc = new HashMap<>();
            for (RankedDocument d : TrecRanking.rank(list)) {
                byDoc.put(d.docId(), d);
                docIds.add(d.docId());
            }
            ranked.put(variant, byDoc);
        });
        TableGrades grades = TableGrades.load(db, collection, topic, variants);
        Map<String, String> titles = titles(collection, docIds);

        List<String> columns = new ArrayList<>(List.of("doc_id", "title"));
        for (String v : variants) {
            columns.add("p_true_" + v);
            columns.add("rank_" + v);
        }
        if (pair != null) {
            columns.add("delta_p_" + pair.get(1) + "_minus_" + pair.get(0));
            columns.add("rank_change_" + pair.get(0) + "_to_" + pair.get(1));
        }
        variants.forEach(v -> columns.add("qrel_" + v));
        for (String assessor : grades.assessors()) {
            variants.forEach(v -> columns.add("grade_" + assessor + "_" + v));
            variants.forEach(v -> columns.add("condition_" + assessor + "_" + v));
        }

        List<List<Object>> rows = new ArrayList<>();
        for (String doc : sortedDocs(docIds, ranked, pair == null ? List.of(variants.get(0)) : pair)) {
            List<Object> row = new ArrayList<>();
            row.add(doc);
            row.add(titles.get(doc));
            for (String v : variants) {
                RankedDocument d = ranked.get(v).get(doc);
                row.add(d == null ? null : d.score());
                row.add(d == null ? null : d.rank());
            }
            if (pair != null) {
                RankedDocument a = ranked.get(pair.get(0)).get(doc);
                RankedDocument b = ranked.get(pair.get(1)).get(doc);
                boolean both = a != null && b != null;
                row.add(both && a.score() != null && b.score() != null ? difference(b.score(), a.score()) : null);
                row.add(both ? a.rank() - b.rank() : null);
            }
            variants.forEach(v -> row.add(grades.imported(v, doc)));
            for (String assessor : grades.assessors()) {
                variants.forEach(v -> row.add(grades.judged(assessor, v, doc)));
                variants.forEach(v -> row.add(grades.condition(assessor, v, doc)));
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    /**
     * b - a as the decimals the table prints for them subtract (0.999 - 0.99999 = -0.00099), rather than
     * as doubles do (-0.0009900000000000464), so that the column agrees with its row to the last digit.
     */
    static double difference(double b, double a) {
        return BigDecimal.valueOf(b).subtract(BigDecimal.valueOf(a)).doubleValue();
    }

    private static List<String> comparedPair(List<String> variants, List<String> compare) {
        if (compare == null || compare.isEmpty()) {
            return variants.size() >= 2 ? variants.subList(0, 2) : null;
        }
        if (compare.size() != 2 || compare.get(0).equals(compare.get(1))) {
            throw new UserException("--compare takes two different variants, as A,B");
        }
        for (String v : compare) {
            if (!variants.contains(v)) {
                throw new UserException("cannot compare variant '" + v + "': the table has scores for "
                        + String.join(", ", variants));
            }
        }
        return List.copyOf(compare);
    }

    /** Rows in A's ranking (unranked documents last), then B's, then by doc id. */
    private static List<String> sortedDocs(Set<String> docIds, Map<String, Map<String, RankedDocument>> ranked,
            List<String> order) {
        Comparator<String> byRanks = null;
        for (String v : order) {
            Comparator<String> byRank = Comparator.comparing(doc -> rankOrNull(ranked.get(v), doc),
                    Comparator.nullsLast(Comparator.<Integer>naturalOrder()));
            byRanks = byRanks == null ? byRank : byRanks.thenComparing(byRank);
        }
        return docIds.stream().sorted(byRanks.thenComparing(TrecOrder.DOCNOS)).toList();
    }

    private static Integer rankOrNull(Map<String, RankedDocument> byDoc, String doc) {
        RankedDocument d = byDoc.get(doc);
        return d == null ? null : d.rank();
    }

    private Map<String, String> titles(Collection collection, Set<String> docIds) {
        return db.read(c -> {
            DocumentDao documents = new DocumentDao(c);
            Map<String, String> out = new HashMap<>();
            for (String id : docIds) {
                documents.find(collection.id(), id).map(Document::title).ifPresent(t -> out.put(id, t));
            }
            return out;
        });
    }
}
