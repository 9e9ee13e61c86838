package org.relevanceworkbench.corpus;

/** Hears about a running import. Called on the import's thread; UIs hop to their own. */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {
    };

    default void progress(ImportProgress progress) {
    }

    default void fileDone(FileReport report) {
    }
}
