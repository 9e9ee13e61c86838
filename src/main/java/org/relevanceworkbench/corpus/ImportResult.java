package org.relevanceworkbench.corpus;

import java.util.List;

/** The outcome of one import command over several files. */
public record ImportResult(List<FileReport> files) {
    public long imported() {
        return files.stream().mapToLong(FileReport::imported).sum();
    }

    public long skipped() {
        return files.stream().mapToLong(FileReport::skipped).sum();
    }

    public boolean anyFatal() {
        return files.stream().anyMatch(f -> !f.ok());
    }

    /** The CLI's rule: failure only when nothing at all could be imported or a file failed as a whole. */
    public boolean failed() {
        return anyFatal() || imported() == 0;
    }
}
