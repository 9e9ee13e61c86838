package org.relevanceworkbench.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Qrel;

/**
 * Qrels made from judgments: one assessor's, or the adjudicated set. Adjudicated: the
 * adjudicator's grade where they judged the document; else the grade every assessor gave when
 * they all agree; documents the assessors disagree on and nobody adjudicated are left out (and
 * counted), since no grade for them can be defended.
 */
public final class JudgedQrels {
    /** The source name qrels of an assessor carry. */
    public static String source(String assessor) {
        return "judged:" + assessor;
    }

    public static final String ADJUDICATED = "adjudicated";

    /** Adjudicated qrels and how many disagreements were left out for want of an adjudication. */
    public record Adjudicated(List<Qrel> qrels, int unresolved) {
    }

    private final Database db;

    public JudgedQrels(Database db) {
        this.db = db;
    }

    public List<Qrel> ofAssessor(long collectionId, String assessor) {
        List<Judgment> all = db.read(c -> new JudgmentDao(c).list(collectionId));
        return all.stream().filter(j -> j.assessor().equals(assessor))
                .map(j -> new Qrel(j.topicId(), j.variant(), j.docId(), j.grade(), source(assessor))).toList();
    }

    public Adjudicated adjudicated(long collectionId, String adjudicator) {
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
        qrels.sort(java.util.Comparator.comparing(Qrel::topicId).thenComparing(Qrel::variant).thenComparing(Qrel::docId));
        return new Adjudicated(List.copyOf(qrels), unresolved);
    }
}
