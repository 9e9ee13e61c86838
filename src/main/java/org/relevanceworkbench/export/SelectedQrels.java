package org.relevanceworkbench.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;

/**
 * The qrels a {@link QrelsSelection} gives, and for adjudicated judgments how many documents were left out because
 * the assessors disagree and nobody adjudicated (0 otherwise). An unknown source or assessor is a user error, not an
 * empty export.
 *
 * <p>Qrels made from judgments: one assessor's carry the source {@code judged:ASSESSOR}; adjudicated ones the source
 * {@code adjudicated}, with the adjudicator's grade where they judged the document, else the grade every assessor
 * gave when they all agree. Documents the assessors disagree on and nobody adjudicated are left out, since no grade
 * for them can be defended.
 */
public record SelectedQrels(List<Qrel> qrels, int unresolved) {
    /** The source the adjudicated qrels carry. */
    public static final String ADJUDICATED = "adjudicated";

    /** The source name qrels of an assessor carry. */
    public static String judgedSource(String assessor) {
        return "judged:" + assessor;
    }

    /** Reads the selected qrels of the collection. */
    public static SelectedQrels load(Database db, Collection collection, QrelsSelection selection) {
        return switch (selection.kind()) {
            case SOURCE -> new SelectedQrels(stored(db, collection, selection.name()), 0);
            case ASSESSOR -> {
                requireAssessor(db, selection.name());
                List<Qrel> qrels = ofAssessor(db, collection.id(), selection.name());
                if (qrels.isEmpty()) {
                    throw new UserException("assessor '" + selection.name() + "' has judged nothing in collection '"
                            + collection.name() + "'");
                }
                yield new SelectedQrels(qrels, 0);
            }
            case ADJUDICATED -> {
                if (selection.name() != null) {
                    requireAssessor(db, selection.name());
                }
                yield adjudicated(db, collection.id(), selection.name());
            }
        };
    }

    private static List<Qrel> stored(Database db, Collection collection, String source) {
        List<Qrel> all = db.read(c -> new QrelDao(c).list(collection.id()));
        List<Qrel> selected = all.stream().filter(q -> q.source().equals(source)).toList();
        if (selected.isEmpty()) {
            List<String> sources = all.stream().map(Qrel::source).distinct().sorted().toList();
            throw new UserException("collection '" + collection.name() + "' has no qrels from source '" + source + "'"
                    + (sources.isEmpty() ? " (it has no qrels yet)" : " (sources: " + String.join(", ", sources) + ")"));
        }
        return selected;
    }

    private static void requireAssessor(Database db, String name) {
        List<String> assessors = db.read(c -> new JudgmentDao(c).assessors());
        if (!assessors.contains(name)) {
            throw new UserException("no assessor named '" + name + "'"
                    + (assessors.isEmpty() ? " (nobody has judged yet)" : " (assessors: " + String.join(", ", assessors) + ")"));
        }
    }

    private static List<Qrel> ofAssessor(Database db, long collectionId, String assessor) {
        List<Judgment> all = db.read(c -> new JudgmentDao(c).list(collectionId));
        return all.stream().filter(j -> j.assessor().equals(assessor))
                .map(j -> new Qrel(j.topicId(), j.variant(), j.docId(), j.grade(), judgedSource(assessor))).toList();
    }

    private static SelectedQrels adjudicated(Database db, long collectionId, String adjudicator) {
        List<Judgment> all = db.read(c -> new JudgmentDao(c).list(collectionId));
        Map<String, List<Judgment>> byDocument = new LinkedHashMap<>();
        for (Judgment j : all) {
            byDocument.computeIfAbsent(j.topicId() + '\u0000' + j.variant() + '\u0000' + j.docId(),
                    k -> new ArrayList<>()).add(j);
        }
        List<Qrel> qrels = new ArrayList<>();
        int unresolved = 0;
        for (List<Judgment> judgments : byDocument.values()) {
            Judgment first = judgments.get(0);
            Integer grade = judgments.stream().filter(j -> j.assessor().equals(adjudicator)).map(Judgment::grade)
                    .findFirst().orElse(null);
            if (grade == null && judgments.stream().allMatch(j -> j.grade() == first.grade())) {
                grade = first.grade();
            }
            if (grade == null) {
                unresolved++;
            } else {
                qrels.add(new Qrel(first.topicId(), first.variant(), first.docId(), grade, ADJUDICATED));
            }
        }
        qrels.sort(Comparator.comparing(Qrel::topicId).thenComparing(Qrel::variant).thenComparing(Qrel::docId));
        return new SelectedQrels(List.copyOf(qrels), unresolved);
    }
}
