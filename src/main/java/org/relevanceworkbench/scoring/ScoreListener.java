package org.relevanceworkbench.scoring;

import java.util.List;

/** Hears each batch as it finishes, so results can stream into a table or a file. */
@FunctionalInterface
public interface ScoreListener {
    ScoreListener NONE = (batch, done, total) -> { };

    void scored(List<DocumentScore> batch, int done, int total);
}
