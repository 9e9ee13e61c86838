package org.relevanceworkbench.formats;

/** A document as read from a file; {@code title} and {@code fieldsJson} may be null. */
public record DocumentRecord(Location at, String docId, String title, String text, String fieldsJson) {
}
