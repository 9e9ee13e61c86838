package org.relevanceworkbench.rerank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/**
 * Scores a topic's candidates under each of its instruction variants with FollowIR and stores one
 * run per variant. Scores already in the cache for the same model, template, precision, length,
 * mode, query text and document are reused; new ones go to the cache batch by batch, so a
 * cancelled rerank keeps what it computed. Every variant scores the same candidates, so their
 * rankings compare document for document.
 */
public final class RerankService {
    /** Hears a rerank as it goes: progress, and scores as they arrive (cached ones at once, then batch by batch). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Documents done of the variant's candidates. */
        default void progress(String variant, int done, int total) {
        }

        /** New scores of a variant; the final ranks come with the result. */
        default void scored(String variant, List<CachedScore> scores) {
        }
    }

    private final Database db;

    public RerankService(Database db) {
        this.db = db;
    }

    /**
     * Scores the topic's candidates under each variant with any backend of the scorer seam and stores one run per
     * variant, named {@code runPrefix + variant}. A run of that name with other provenance is an error, unless
     * {@code replace}: then it is deleted first (its scores stay in the score cache).
     */
    public List<VariantResult> rerank(String collectionName, String topicId, List<String> variantNames,
            CandidateSpec spec, Scorer scorer, String runPrefix, boolean replace, Listener listener,
            CancellationToken cancel) {
        Collection collection = db.read(c -> new CollectionDao(c).require(collectionName));
        Topic topic = db.read(c -> new TopicDao(c).find(collection.id(), topicId)).orElseThrow(
                () -> new UserException("collection '" + collectionName + "' has no topic '" + topicId + "'"));
        List<Variant> variants = chooseVariants(topic, variantNames);
        List<Document> candidates = new CandidateSource(db).candidates(collection, topic, spec);
        if (candidates.isEmpty()) {
            throw new UserException("no candidates for topic '" + topicId + "' from " + spec);
        }
        List<VariantResult> results = new ArrayList<>();
        for (Variant variant : variants) {
            results.add(rerankVariant(collection, topic, variant, candidates, scorer, RunName.withPrefix(runPrefix, variant.name()),
                    replace, listener, cancel));
        }
        return results;
    }

    private static List<Variant> chooseVariants(Topic topic, List<String> names) {
        if (names == null || names.isEmpty()) {
            return topic.variants();
        }
        List<Variant> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(topic.variant(name.strip()).orElseThrow(() -> new UserException("topic '" + topic.topicId()
                    + "' has no variant '" + name.strip() + "' (variants: " + String.join(", ",
                            topic.variants().stream().map(Variant::name).toList()) + ")")));
        }
        return chosen;
    }

    private VariantResult rerankVariant(Collection collection, Topic topic, Variant variant, List<Document> candidates,
            Scorer scorer, String runName, boolean replace, Listener listener, CancellationToken cancel) {
        Provenance p = scorer.provenance();
        CachedScoring cache = new CachedScoring(db, scorer);
        List<String> ids = candidates.stream().map(Document::docId).toList();
        Map<String, CachedScore> scores = new LinkedHashMap<>(cache.lookup(collection.id(), topic.query(),
                variant.instruction(), ids));
        int fromCache = scores.size();
        List<Candidate> missing = candidates.stream().filter(d -> !scores.containsKey(d.docId()))
                .map(d -> new Candidate(d.docId(), d.title(), d.text())).toList();
        if (fromCache > 0) {
            listener.scored(variant.name(), List.copyOf(scores.values()));
        }
        listener.progress(variant.name(), fromCache, candidates.size());
        cache.score(collection.id(), topic.query(), variant.instruction(), missing, (rows, done, total) -> {
            rows.forEach(r -> scores.put(r.docId(), r));
            listener.scored(variant.name(), rows);
            listener.progress(variant.name(), fromCache + done, candidates.size());
        }, cancel);
        List<RunScore> ranking = rank(topic.topicId(), variant.name(), scores);
        db.write(c -> {
            RunDao runs = new RunDao(c);
            Run run = runFor(runs, collection, runName, scorer.scorerName(), p, replace);
            runs.deleteScores(run.id(), topic.topicId(), variant.name());
            try (RunDao.Inserter inserter = runs.inserter(run.id())) {
                inserter.insertAll(ranking);
            }
            return null;
        });
        return new VariantResult(variant.name(), runName, candidates.size(), fromCache, missing.size(), ranking);
    }

    /** The run of that name, created with this provenance; one with other provenance is not mixed into. */
    private static Run runFor(RunDao runs, Collection collection, String name, String scorer, Provenance p,
            boolean replace) throws Exception {
        Run wanted = runOf(name, scorer, p);
        Optional<Run> existing = runs.find(collection.id(), name);
        if (existing.isPresent()) {
            Run run = existing.get();
            if (sameProvenance(run, wanted)) {
                return run;
            }
            if (!replace) {
                throw new UserException("run '" + name + "' holds scores of another model or setting ("
                        + describe(run) + ", not " + describe(wanted) + "); choose another --run-name");
            }
            runs.delete(run.id());
        }
        return runs.create(collection.id(), wanted);
    }

    /** The run record this scorer's provenance makes. */
    static Run runOf(String name, String scorer, Provenance p) {
        Provenance.Server s = p.server();
        Run.Server server = s == null ? null : new Run.Server(s.route(), s.engine(), s.version(), s.urls(), s.modelId());
        return new Run(0, name, scorer, p.fingerprint(), p.templateHash(), p.dtype(), p.maxLength(),
                p.specialTokens(), p.model(), null, p.backendKey(), server);
    }

    /** Whether two runs' scores compare: same scorer, backend, weights, template, precision, length and mode. */
    private static boolean sameProvenance(Run a, Run b) {
        return a.scorer().equals(b.scorer()) && java.util.Objects.equals(a.backend(), b.backend())
                && java.util.Objects.equals(a.modelFingerprint(), b.modelFingerprint())
                && java.util.Objects.equals(a.templateHash(), b.templateHash())
                && java.util.Objects.equals(a.dtype(), b.dtype())
                && java.util.Objects.equals(a.maxLength(), b.maxLength())
                && java.util.Objects.equals(a.specialTokens(), b.specialTokens());
    }

    private static String describe(Run run) {
        return run.backend() + " " + run.source() + " " + run.dtype();
    }

    /** Ranks by p(true) descending, ties by document id descending, the order trec_eval reads runs in. */
    static List<RunScore> rank(String topicId, String variant, Map<String, CachedScore> scores) {
        List<CachedScore> sorted = new ArrayList<>(scores.values());
        sorted.sort(Comparator.comparingDouble(CachedScore::pTrue).reversed()
                .thenComparing(CachedScore::docId, Comparator.reverseOrder()));
        List<RunScore> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            CachedScore s = sorted.get(i);
            boolean model = s.nTokens() > 0; // BM25 scores carry no prompt, logits or tokens
            out.add(new RunScore(topicId, variant, s.docId(), i + 1, s.pTrue(), orNull(s.logitTrue()),
                    orNull(s.logitFalse()), model ? s.nTokens() : null, model ? s.truncated() : null,
                    orNull(s.logitDiff()), orNull(s.pLow()), orNull(s.pHigh())));
        }
        return out;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
