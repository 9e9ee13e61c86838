package org.relevanceworkbench.eval;

import java.util.Map;

/** What p-MRR reads: qrels of both instructions and a run under each (topic → doc → grade or score). */
public record PmrrInputs(Map<String, Map<String, Integer>> ogQrels, Map<String, Map<String, Integer>> changedQrels,
        Map<String, Map<String, Double>> ogRun, Map<String, Map<String, Double>> changedRun) {

    public PmrrResult pMrr() {
        return Pmrr.compute(ogQrels, changedQrels, ogRun, changedRun);
    }

    /** MAP and nDCG@5 of the og run on the og qrels, the scores FollowIR reports beside p-MRR. */
    public OgEffectiveness ogEffectiveness() {
        return OgEffectiveness.of(ogQrels, ogRun);
    }
}
