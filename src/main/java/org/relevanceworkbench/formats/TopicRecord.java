package org.relevanceworkbench.formats;

import java.util.List;

/**
 * A topic as read from a file. {@code query} is null when the line only adds instructions to a
 * topic read elsewhere (the MTEB layout keeps queries and instructions in separate files).
 */
public record TopicRecord(Location at, String topicId, String query, String description, String narrative,
        List<VariantText> variants) {
}
