package org.relevanceworkbench.corpus;

import org.relevanceworkbench.formats.Ids;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.TopicDao;

/**
 * Which variant a qrels or run line belongs to: the query id's own suffix ({@code 301-changed}),
 * else the user's --variant, else what the file's path says ({@code qrels_og/test.tsv}), else the
 * baseline.
 */
final class VariantResolver {
    private final String fallback;

    VariantResolver(String userVariant, SourceFile source) {
        String fromPath = Ids.variantOfPath(source.name());
        this.fallback = userVariant != null && !userVariant.isBlank() ? userVariant.strip()
                : fromPath != null ? fromPath : TopicDao.BASELINE;
    }

    String resolve(String fromLine) {
        return fromLine != null ? fromLine : fallback;
    }
}
