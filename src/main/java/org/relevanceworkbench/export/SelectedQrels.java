package org.relevanceworkbench.export;

import java.util.List;
import org.relevanceworkbench.store.Qrel;

/**
 * The qrels a selection gave, and for adjudicated judgments how many documents were left out
 * because the assessors disagree and nobody adjudicated (0 otherwise).
 */
public record SelectedQrels(List<Qrel> qrels, int unresolved) {
}
