package org.relevanceworkbench.store;

/**
 * A stored document. {@code docId} is the external id (unique within its collection),
 * {@code title} may be null, {@code fieldsJson} holds the source's other fields as a JSON object
 * (or null).
 */
public record Document(long row, String docId, String title, String text, String fieldsJson) {
}
