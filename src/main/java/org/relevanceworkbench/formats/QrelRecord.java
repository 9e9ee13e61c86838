package org.relevanceworkbench.formats;

/** One qrels line; {@code variant} is null unless the file says it (an {@code -og}/{@code -changed} query id). */
public record QrelRecord(Location at, String topicId, String variant, String docId, int grade) {
}
