package org.relevanceworkbench.evaluate;

import java.util.List;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.TopicDao;

/**
 * What to evaluate.
 *
 * @param collection     the collection
 * @param ogVariant      the original instruction's variant ({@code og})
 * @param changedVariant the changed instruction's variant ({@code changed})
 * @param candidates     the same candidates for every topic, or null for FollowIR's protocol: the topic's imported
 *                       top_ranked run, else BM25's top 1000
 * @param topics         the topics, or null for every topic with both variants
 * @param runPrefix      the runs written are {@code runPrefix + variant}
 * @param qrelsSource    whose judgments p-MRR and MAP read ({@code imported} unless named)
 * @param replaceRuns    whether a run of that name with another scorer's provenance is replaced (the window: runs
 *                       show the latest scoring, the cache keeps every scorer's scores) or is an error (the CLI)
 */
public record EvaluateRequest(String collection, String ogVariant, String changedVariant, CandidateSpec candidates,
        List<String> topics, String runPrefix, String qrelsSource, boolean replaceRuns) {

    /** FollowIR's evaluation of a collection: og and changed, default candidates, every topic, imported qrels. */
    public static EvaluateRequest of(String collection) {
        return new EvaluateRequest(collection, TopicDao.BASELINE, "changed", null, null, RunName.FOLLOWIR_PREFIX, QrelDao.IMPORTED,
                false);
    }

    /** The run this evaluation writes for a variant. */
    public String runOf(String variant) {
        return RunName.withPrefix(runPrefix, variant);
    }
}
