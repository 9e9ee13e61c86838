package org.relevanceworkbench.formats;

/**
 * One line of a run. {@code rank} is null when the file gives only an order (then the position
 * within its topic is the rank), {@code score} when it gives no score, {@code tag} when it names
 * no run. {@code variant} is null unless the query id says it.
 */
public record RunRecord(Location at, String topicId, String variant, String docId, Integer rank, Double score,
        String tag) {
}
