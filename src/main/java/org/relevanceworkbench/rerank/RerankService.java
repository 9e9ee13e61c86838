package org.relevanceworkbench.rerank;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.Candidate;
import org.relevanceworkbench.model.DocumentScore;
import org.relevanceworkbench.model.FollowIrPrompt;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.Provenance;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.ScoreCacheDao;
import org.relevanceworkbench.store.ScoreKey;
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

    public List<VariantResult> rerank(String collectionName, String topicId, List<String> variantNames,
            CandidateSpec spec, FollowIrScorer scorer, String runPrefix, Listener listener, CancellationToken cancel) {
        return rerank(collectionName, topicId, variantNames, spec, CandidateScorer.followIr(scorer), runPrefix, listener,
                cancel);
    }

    /** As above with any scorer (FollowIR or the BM25 baseline). */
    public List<VariantResult> rerank(String collectionName, String topicId, List<String> variantNames,
            CandidateSpec spec, CandidateScorer scorer, String runPrefix, Listener listener, CancellationToken cancel) {
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
            results.add(rerankVariant(collection, topic, variant, candidates, scorer, runPrefix + variant.name(),
                    listener, cancel));
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
            CandidateScorer scorer, String runName, Listener listener, CancellationToken cancel) {
        Provenance p = scorer.provenance();
        ScoreKey key = new ScoreKey(p.fingerprint(), p.templateHash(), p.dtype(), p.maxLength(), p.specialTokens(),
                sha256(FollowIrPrompt.queryField(topic.query(), variant.instruction())));
        List<String> ids = candidates.stream().map(Document::docId).toList();
        Map<String, CachedScore> scores = new LinkedHashMap<>(scorer.cacheable()
                ? db.read(c -> new ScoreCacheDao(c).find(key, collection.id(), ids)) : Map.of());
        int fromCache = scores.size();
        List<Candidate> missing = candidates.stream().filter(d -> !scores.containsKey(d.docId()))
                .map(d -> new Candidate(d.docId(), d.title(), d.text())).toList();
        if (fromCache > 0) {
            listener.scored(variant.name(), List.copyOf(scores.values()));
        }
        listener.progress(variant.name(), fromCache, candidates.size());
        if (!missing.isEmpty()) {
            scorer.score(topic.query(), variant.instruction(), missing, (batch, done, total) -> {
                List<CachedScore> rows = batch.stream().map(RerankService::cached).toList();
                if (scorer.cacheable()) {
                    db.write(c -> {
                        new ScoreCacheDao(c).put(key, collection.id(), rows);
                        return null;
                    });
                }
                rows.forEach(r -> scores.put(r.docId(), r));
                listener.scored(variant.name(), rows);
                listener.progress(variant.name(), fromCache + done, candidates.size());
            }, cancel);
        }
        List<RunScore> ranking = rank(topic.topicId(), variant.name(), scores);
        db.write(c -> {
            RunDao runs = new RunDao(c);
            Run run = runFor(runs, collection, runName, scorer.scorerName(), p);
            runs.deleteScores(run.id(), topic.topicId(), variant.name());
            try (RunDao.Inserter inserter = runs.inserter(run.id())) {
                for (RunScore s : ranking) {
                    inserter.insert(s);
                }
            }
            return null;
        });
        return new VariantResult(variant.name(), runName, candidates.size(), fromCache, missing.size(), ranking);
    }

    /** The run of that name, created with this provenance; one with other provenance is not mixed into. */
    private static Run runFor(RunDao runs, Collection collection, String name, String scorer, Provenance p)
            throws Exception {
        Optional<Run> existing = runs.find(collection.id(), name);
        if (existing.isPresent()) {
            Run run = existing.get();
            boolean same = scorer.equals(run.scorer()) && p.fingerprint().equals(run.modelFingerprint())
                    && p.templateHash().equals(run.templateHash()) && p.dtype().equals(run.dtype())
                    && Integer.valueOf(p.maxLength()).equals(run.maxLength())
                    && p.specialTokens().equals(run.specialTokens());
            if (!same) {
                throw new UserException("run '" + name + "' holds scores of another model or setting; "
                        + "choose another --run-name");
            }
            return run;
        }
        return runs.create(collection.id(), new Run(0, name, scorer, p.fingerprint(), p.templateHash(), p.dtype(),
                p.maxLength(), p.specialTokens(), p.model(), null));
    }

    /** Ranks by p(true) descending, ties by document id descending, the order trec_eval reads runs in. */
    static List<RunScore> rank(String topicId, String variant, Map<String, CachedScore> scores) {
        List<CachedScore> sorted = new ArrayList<>(scores.values());
        sorted.sort(Comparator.comparingDouble(CachedScore::pTrue).reversed()
                .thenComparing(CachedScore::docId, Comparator.reverseOrder()));
        List<RunScore> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            CachedScore s = sorted.get(i);
            boolean model = !Double.isNaN(s.logitTrue()); // BM25 scores carry no logits
            out.add(new RunScore(topicId, variant, s.docId(), i + 1, s.pTrue(), model ? s.logitTrue() : null,
                    model ? s.logitFalse() : null, model ? s.nTokens() : null, model ? s.truncated() : null));
        }
        return out;
    }

    private static CachedScore cached(DocumentScore s) {
        return new CachedScore(s.id(), s.pTrue(), s.logitTrue(), s.logitFalse(), s.nTokens(), s.truncated());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
