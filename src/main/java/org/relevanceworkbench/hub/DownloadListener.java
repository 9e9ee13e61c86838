package org.relevanceworkbench.hub;

/**
 * What a download reports while it runs, on the thread that runs it (a window hands it to its FX thread). Progress
 * comes at most a few times a second.
 */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {
    };

    /** How each file ended up. */
    enum Outcome {
        /** fetched now (or the rest of it, after an earlier partial download) and verified */
        FETCHED,
        /** already complete for this commit: nothing was sent or written */
        ALREADY_THERE,
        /** its verified blob was already in the cache (another revision has it): only the snapshot link is new */
        LINKED
    }

    /** Before any file is written: what will be fetched, and how much. */
    default void planned(DownloadPlan plan) {
    }

    default void progress(DownloadProgress progress) {
    }

    default void fileDone(String file, Outcome outcome, long bytes) {
    }

    /** A line worth showing: a retry, a resume, a choice made. */
    default void note(String line) {
    }
}
