package org.relevanceworkbench.judge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.relevanceworkbench.store.Judgment;

/**
 * The order an adjudicator works through a topic variant in: disagreements first, the widest grade
 * spread first (a 0-vs-2 matters more than a 1-vs-2), then the most assessors (more people
 * involved), then the documents everybody agrees on (including those judged once); ties by
 * document id, so the list is the same every time.
 */
public final class Disagreements {
    static final Comparator<JudgedDocument> ADJUDICATION_ORDER = Comparator
            .comparing((JudgedDocument d) -> !d.isDisagreement())
            .thenComparing(JudgedDocument::spread, Comparator.reverseOrder())
            .thenComparing(d -> d.isDisagreement() ? -d.assessors() : 0)
            .thenComparing(JudgedDocument::docId);

    private Disagreements() {
    }

    /** The judgments of one topic variant ({@code JudgmentDao.list(collection, topic, variant)}), ordered. */
    public static List<JudgedDocument> order(List<Judgment> judgments) {
        if (judgments.stream().map(j -> j.topicId() + '\u0000' + j.variant()).distinct().count() > 1) {
            throw new IllegalArgumentException("judgments of several topic variants; give those of one");
        }
        Map<String, Map<String, Integer>> byDocument = new TreeMap<>();
        for (Judgment j : judgments) {
            byDocument.computeIfAbsent(j.docId(), k -> new TreeMap<>()).put(j.assessor(), j.grade());
        }
        List<JudgedDocument> out = new ArrayList<>();
        byDocument.forEach((docId, grades) -> out.add(new JudgedDocument(docId, new TreeMap<>(grades))));
        out.sort(ADJUDICATION_ORDER);
        return out;
    }

    /** The documents assessors disagree on, in adjudication order: what an adjudicator's queue starts with. */
    public static List<String> disagreedDocuments(List<Judgment> judgments) {
        return order(judgments).stream().filter(JudgedDocument::isDisagreement).map(JudgedDocument::docId).toList();
    }
}
