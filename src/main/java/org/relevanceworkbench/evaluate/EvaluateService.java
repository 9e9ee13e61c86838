package org.relevanceworkbench.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.eval.OgEffectiveness;
import org.relevanceworkbench.eval.PmrrInputs;
import org.relevanceworkbench.eval.PmrrResult;
import org.relevanceworkbench.rerank.CandidateSource;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RerankService;
import org.relevanceworkbench.rerank.VariantResult;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.RunSummary;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;

/**
 * FollowIR's evaluation of a collection in one go: every topic that has both variants and candidates is scored under
 * the og and the changed instruction (through the score cache, so a rerun or an interrupted run resumes where it
 * stopped), and the rankings give p-MRR and the og run's MAP and nDCG@5 on the og qrels, exactly as the {@code pmrr}
 * command computes them, over exactly the topics evaluated.
 *
 * <p>Candidates are FollowIR's protocol by default: a topic's documents in the imported {@code top_ranked} run (what
 * the MTEB/FollowIR layout ships), else BM25's top 1000 of the topic's query.
 */
public final class EvaluateService {
    /** The default candidates when a topic has no imported top_ranked run: FollowIR's BM25 depth. */
    public static final CandidateSpec FALLBACK = CandidateSpec.parse("bm25:1000");
    /** The name an imported {@code top_ranked.jsonl} gets (from its file name) unless renamed. */
    public static final String TOP_RANKED = "top_ranked";

    /** Hears an evaluation as it goes: one progress over all topics, and each topic as it finishes. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Pairs done of all topics' pairs, and the topic being scored (1-based position of {@code topics}). */
        default void progress(long pairsDone, long pairsTotal, String topicId, int position, int topics) {
        }

        default void topicDone(TopicOutcome outcome) {
        }
    }

    private final Database db;

    public EvaluateService(Database db) {
        this.db = db;
    }

    /** What will be scored: the topics, each with its candidates, and those left out with why. */
    public record Plan(Collection collection, List<Planned> topics, List<TopicOutcome> skipped) {
        public long pairs() {
            return topics.stream().mapToLong(p -> 2L * p.candidates()).sum();
        }
    }

    /** One topic to score: its candidates' rule and count. */
    public record Planned(Topic topic, CandidateSpec spec, int candidates) {
    }

    public Plan plan(EvaluateRequest request) {
        Collection collection = db.read(c -> new CollectionDao(c).require(request.collection()));
        List<Topic> all = db.read(c -> new TopicDao(c).list(collection.id()));
        if (all.isEmpty()) {
            throw new UserException("collection '" + collection.name() + "' has no topics");
        }
        List<Topic> chosen = choose(collection, all, request.topics());
        Optional<Run> topRanked = topRankedRun(collection);
        Set<String> topRankedTopics = topRanked.map(r -> db.read(c -> new RunDao(c).topics(r.id()))).orElse(Set.of());
        CandidateSource source = new CandidateSource(db);
        List<Planned> planned = new ArrayList<>();
        List<TopicOutcome> skipped = new ArrayList<>();
        for (Topic t : chosen) {
            if (t.variant(request.ogVariant()).isEmpty() || t.variant(request.changedVariant()).isEmpty()) {
                skipped.add(TopicOutcome.skipped(t.topicId(), "has no " + (t.variant(request.ogVariant()).isEmpty()
                        ? request.ogVariant() : request.changedVariant()) + " variant"));
                continue;
            }
            CandidateSpec spec = request.candidates() != null ? request.candidates()
                    : topRankedTopics.contains(t.topicId()) ? CandidateSpec.parse("run:" + topRanked.get().name())
                    : FALLBACK;
            int n = source.candidates(collection, t, spec).size();
            if (n == 0) {
                skipped.add(TopicOutcome.skipped(t.topicId(), "has no candidates from " + spec));
                continue;
            }
            planned.add(new Planned(t, spec, n));
        }
        if (planned.isEmpty()) {
            throw new UserException("no topic of '" + collection.name() + "' has both variants ("
                    + request.ogVariant() + ", " + request.changedVariant() + ") and candidates"
                    + (skipped.isEmpty() ? "" : ": topic " + skipped.get(0).topicId() + " " + skipped.get(0).note()));
        }
        return new Plan(collection, planned, skipped);
    }

    /**
     * Scores the plan's topics, og then changed, one topic after another, and sums them up. A cancel stops between
     * batches; every batch scored so far stays in the score cache, so running it again resumes.
     */
    public EvaluateReport run(EvaluateRequest request, Plan plan, Scorer scorer, Listener listener,
            CancellationToken cancel) {
        RerankService rerank = new RerankService(db);
        long total = plan.pairs();
        long[] done = {0};
        Map<String, Map<String, Double>> ogRun = new LinkedHashMap<>();
        Map<String, Map<String, Double>> changedRun = new LinkedHashMap<>();
        List<TopicOutcome> outcomes = new ArrayList<>();
        long fromCache = 0;
        long approximate = 0;
        int position = 0;
        for (Planned p : plan.topics()) {
            position++;
            int at = position;
            long before = done[0];
            Map<String, Integer> variantDone = new LinkedHashMap<>();
            listener.progress(done[0], total, p.topic().topicId(), at, plan.topics().size());
            List<VariantResult> results = rerank.rerank(plan.collection().name(), p.topic().topicId(),
                    List.of(request.ogVariant(), request.changedVariant()), p.spec(), scorer, request.runPrefix(),
                    request.replaceRuns(), new RerankService.Listener() {
                        @Override
                        public void progress(String variant, int variantPairs, int variantTotal) {
                            variantDone.put(variant, variantPairs);
                            done[0] = before + variantDone.values().stream().mapToInt(Integer::intValue).sum();
                            listener.progress(done[0], total, p.topic().topicId(), at, plan.topics().size());
                        }
                    }, cancel);
            VariantResult og = results.get(0);
            VariantResult changed = results.get(1);
            ogRun.put(p.topic().topicId(), scores(og.ranking()));
            changedRun.put(p.topic().topicId(), scores(changed.ranking()));
            fromCache += og.fromCache() + changed.fromCache();
            approximate += og.ranking().stream().filter(RunScore::approximate).count()
                    + changed.ranking().stream().filter(RunScore::approximate).count();
            done[0] = before + og.candidates() + changed.candidates();
            TopicOutcome outcome = TopicOutcome.scored(p.topic().topicId(), p.spec().toString(), og.candidates(),
                    og.fromCache() + changed.fromCache(), og.scored() + changed.scored());
            outcomes.add(outcome);
            listener.topicDone(outcome);
        }
        Set<String> evaluated = ogRun.keySet();
        List<Qrel> qrels = db.read(c -> new QrelDao(c).list(plan.collection().id()));
        Map<String, Map<String, Integer>> ogQrels = qrels(qrels, request.qrelsSource(), request.ogVariant(), evaluated);
        Map<String, Map<String, Integer>> changedQrels = qrels(qrels, request.qrelsSource(), request.changedVariant(),
                evaluated);
        PmrrInputs inputs = new PmrrInputs(ogQrels, changedQrels, ogRun, changedRun);
        PmrrResult pmrr = inputs.pMrr();
        OgEffectiveness og = inputs.ogEffectiveness();
        List<TopicOutcome> perTopic = new ArrayList<>();
        for (TopicOutcome o : outcomes) {
            Map<String, Integer> topicQrels = ogQrels.get(o.topicId());
            OgEffectiveness one = topicQrels == null ? null
                    : OgEffectiveness.of(Map.of(o.topicId(), topicQrels), Map.of(o.topicId(), ogRun.get(o.topicId())));
            perTopic.add(o.withMetrics(pmrr.topics().stream().filter(t -> t.topicId().equals(o.topicId()))
                    .findFirst().orElse(null), one));
        }
        return new EvaluateReport(request, plan.collection().name(), scorer.provenance(), pmrr, og, perTopic,
                plan.skipped(), total, fromCache, approximate);
    }

    private static Map<String, Double> scores(List<RunScore> ranking) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunScore s : ranking) {
            out.put(s.docId(), s.score());
        }
        return out;
    }

    /** One variant's qrels of one source, for the topics evaluated only. */
    private static Map<String, Map<String, Integer>> qrels(List<Qrel> all, String source, String variant,
            Set<String> topics) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (Qrel q : all) {
            if (q.source().equals(source) && q.variant().equals(variant) && topics.contains(q.topicId())) {
                out.computeIfAbsent(q.topicId(), k -> new LinkedHashMap<>()).put(q.docId(), q.grade());
            }
        }
        return out;
    }

    private List<Topic> choose(Collection collection, List<Topic> all, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return all;
        }
        Map<String, Topic> byId = new LinkedHashMap<>();
        all.forEach(t -> byId.put(t.topicId(), t));
        List<Topic> out = new ArrayList<>();
        for (String id : ids) {
            Topic t = byId.get(id.strip());
            if (t == null) {
                throw new UserException("collection '" + collection.name() + "' has no topic '" + id.strip() + "'");
            }
            out.add(t);
        }
        return out;
    }

    /** The imported run a FollowIR/MTEB folder's top_ranked.jsonl became, if any. */
    private Optional<Run> topRankedRun(Collection collection) {
        return db.read(c -> new RunDao(c).list(collection.id())).stream().map(RunSummary::run)
                .filter(r -> "imported".equals(r.scorer()) && (r.name().equals(TOP_RANKED)
                        || (r.source() != null && r.source().startsWith(TOP_RANKED))))
                .findFirst();
    }
}
