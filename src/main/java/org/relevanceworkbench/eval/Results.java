package org.relevanceworkbench.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run as trec_eval reads it ({@code qid Q0 docno rank sim runid}): topic → retrieved documents with scores. The
 * rank column is ignored, as in trec_eval: documents are ranked by score, ties broken by docno (see
 * {@link TrecEval}). The run id is that of the last line, again as trec_eval keeps it.
 */
public final class Results {
    private final String runId;
    private final SortedMap<String, List<ScoredDoc>> topics;

    Results(String runId, SortedMap<String, List<ScoredDoc>> topics) {
        this.runId = runId;
        this.topics = topics;
    }

    /** Reads a results file; a malformed line throws {@link TrecEvalException} with {@code file:line: reason}. */
    public static Results read(Path file) throws IOException {
        return TrecFiles.readResults(file);
    }

    /** Reads results from a stream; {@code name} stands for the file in error messages. */
    public static Results read(InputStream in, String name) throws IOException {
        return TrecFiles.readResults(in, name);
    }

    /** Results built in code: topic → documents with scores (any order; evaluation ranks them by score). */
    public static Results of(String runId, Map<String, ? extends List<ScoredDoc>> ranking) {
        SortedMap<String, List<ScoredDoc>> topics = new TreeMap<>(StrcmpOrder.STRCMP);
        ranking.forEach((topic, docs) -> {
            if (!docs.isEmpty()) {
                topics.put(topic, List.copyOf(docs));
            }
        });
        return new Results(runId == null ? "" : runId, Collections.unmodifiableSortedMap(topics));
    }

    public String runId() {
        return runId;
    }

    /** The topics with at least one retrieved document, in trec_eval's order. */
    public Set<String> topics() {
        return topics.keySet();
    }

    /** The retrieved documents of a topic in file order (not ranked); empty when none. */
    public List<ScoredDoc> documents(String topic) {
        return topics.getOrDefault(topic, List.of());
    }
}
