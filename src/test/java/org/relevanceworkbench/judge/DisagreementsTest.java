package org.relevanceworkbench.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relevanceworkbench.store.Judgment;

class DisagreementsTest {
    private static Judgment judgment(String assessor, String doc, int grade) {
        return new Judgment(assessor, "301", "og", doc, grade, null, 0, null);
    }

    @Test
    void disagreementsComeFirstWidestSpreadThenMostAssessorsThenDocumentId() {
        List<Judgment> judgments = new ArrayList<>(List.of(
                judgment("ann", "dA", 0), judgment("bob", "dA", 2),                           // spread 2, 2 assessors
                judgment("ann", "dB", 1), judgment("bob", "dB", 2), judgment("cat", "dB", 2), // spread 1, 3
                judgment("ann", "dC", 0), judgment("bob", "dC", 1),                           // spread 1, 2
                judgment("ann", "dD", 1), judgment("bob", "dD", 1),                           // agree
                judgment("cat", "dE", 2),                                                     // judged once
                judgment("bob", "dF", 1), judgment("ann", "dF", 0),                           // spread 1, 2: as dC
                judgment("ann", "dG", 0), judgment("bob", "dG", 0), judgment("cat", "dG", 2), // spread 2, 3
                judgment("ann", "d0", 2), judgment("bob", "d0", 2)));                         // agree
        Collections.reverse(judgments); // the order given must not matter
        List<JudgedDocument> ordered = Disagreements.order(judgments);
        assertThat(ordered).extracting(JudgedDocument::docId)
                .containsExactly("dG", "dA", "dB", "dC", "dF", "d0", "dD", "dE");
        assertThat(ordered).extracting(JudgedDocument::isDisagreement)
                .containsExactly(true, true, true, true, true, false, false, false);
        JudgedDocument first = ordered.get(0);
        assertThat(first.spread()).isEqualTo(2);
        assertThat(first.assessors()).isEqualTo(3);
        assertThat(first.grades()).containsExactly(java.util.Map.entry("ann", 0), java.util.Map.entry("bob", 0),
                java.util.Map.entry("cat", 2));
    }

    @Test
    void judgmentsOfOneTopicVariantOnly() {
        List<Judgment> mixed = List.of(judgment("ann", "d1", 1),
                new Judgment("ann", "301", "changed", "d1", 0, null, 0, null));
        assertThatThrownBy(() -> Disagreements.order(mixed)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Disagreements.order(List.of())).isEmpty();
    }
}
