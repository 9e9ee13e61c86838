package org.relevanceworkbench.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Relevance judgments: topic → docno → grade, as trec_eval reads them ({@code qid iter docno rel}). Grades are
 * integers; a negative grade marks a document that is in the pool but unjudged. Topics iterate in trec_eval's order
 * (byte order of the id), which is also the order of its per-query output.
 */
public final class Qrels {
    private final SortedMap<String, Map<String, Integer>> topics;
    /** A topic judged twice for one docno: trec_eval only fails on it when it evaluates that topic. */
    private final Map<String, String> duplicates;

    Qrels(SortedMap<String, Map<String, Integer>> topics, Map<String, String> duplicates) {
        this.topics = topics;
        this.duplicates = duplicates;
    }

    /** Reads a qrels file; a malformed line throws {@link TrecEvalException} with {@code file:line: reason}. */
    public static Qrels read(Path file) throws IOException {
        return TrecFiles.readQrels(file);
    }

    /** Reads qrels from a stream; {@code name} stands for the file in error messages. */
    public static Qrels read(InputStream in, String name) throws IOException {
        return TrecFiles.readQrels(in, name);
    }

    /** Qrels built in code: topic → docno → grade. */
    public static Qrels of(Map<String, ? extends Map<String, Integer>> grades) {
        SortedMap<String, Map<String, Integer>> topics = new TreeMap<>(StrcmpOrder.STRCMP);
        grades.forEach((topic, docs) -> {
            if (!docs.isEmpty()) {
                topics.put(topic, Collections.unmodifiableMap(new LinkedHashMap<>(docs)));
            }
        });
        return new Qrels(Collections.unmodifiableSortedMap(topics), Map.of());
    }

    /** The judged topics, in trec_eval's order. */
    public Set<String> topics() {
        return topics.keySet();
    }

    /** docno → grade for one topic; empty when the topic has no judgments. */
    public Map<String, Integer> judgments(String topic) {
        return topics.getOrDefault(topic, Map.of());
    }

    public OptionalInt grade(String topic, String docno) {
        Integer grade = judgments(topic).get(docno);
        return grade == null ? OptionalInt.empty() : OptionalInt.of(grade);
    }

    /** The number of judgments over all topics. */
    public int size() {
        return topics.values().stream().mapToInt(Map::size).sum();
    }

    /** The message for a docno judged twice in this topic, or null. */
    String duplicateProblem(String topic) {
        return duplicates.get(topic);
    }
}
