package org.relevanceworkbench.rerank;

import java.util.List;
import org.relevanceworkbench.store.RunScore;

/** What reranking one variant did: the run it wrote, how many scores came from the cache, the ranking. */
public record VariantResult(String variant, String runName, int candidates, int fromCache, int scored,
        List<RunScore> ranking) {
}
