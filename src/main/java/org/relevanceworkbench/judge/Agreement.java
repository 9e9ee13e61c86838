package org.relevanceworkbench.judge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.store.Judgment;

/**
 * How much two assessors agree on the documents both judged: the matrix of their grades (rows the
 * first assessor, columns the second, categories the union of grades either gave), Cohen's κ and
 * weighted κ with linear and quadratic weights (which count a 0-vs-2 disagreement as worse than a
 * 1-vs-2 one). A document is a (topic, variant, document) triple: the same document under another
 * instruction is another item.
 */
public record Agreement(String first, String second, JudgmentScope scope, ConfusionMatrix grades, Kappa kappa,
        Kappa linear, Kappa quadratic) {

    public static Agreement of(List<Judgment> judgments, String first, String second, JudgmentScope scope) {
        Map<String, Integer> firstGrades = new HashMap<>();
        for (Judgment j : judgments) {
            if (j.assessor().equals(first) && scope.includes(j)) {
                firstGrades.put(key(j), j.grade());
            }
        }
        ConfusionMatrix.Builder pairs = ConfusionMatrix.builder();
        for (Judgment j : judgments) {
            Integer theirs = j.assessor().equals(second) && scope.includes(j) ? firstGrades.get(key(j)) : null;
            if (theirs != null) {
                pairs.add(theirs, j.grade());
            }
        }
        ConfusionMatrix m = pairs.build();
        return new Agreement(first, second, scope, m, Kappa.of(m), Kappa.weighted(m, KappaWeights.LINEAR),
                Kappa.weighted(m, KappaWeights.QUADRATIC));
    }

    /** How many documents both judged. */
    public long n() {
        return grades.n();
    }

    private static String key(Judgment j) {
        return j.topicId() + '\u0000' + j.variant() + '\u0000' + j.docId();
    }
}
