package org.relevanceworkbench.corpus;

/** A snapshot of one file's import, for progress bars and records/s. {@code totalBytes} is -1 when unknown. */
public record ImportProgress(String file, long bytesRead, long totalBytes, long records, long skipped,
        long elapsedNanos) {

    /** Fraction of the file read, in [0, 1], or -1 when the size is unknown. */
    public double fraction() {
        return totalBytes > 0 ? Math.min(1.0, (double) bytesRead / totalBytes) : -1;
    }

    public double recordsPerSecond() {
        return elapsedNanos > 0 ? records * 1e9 / elapsedNanos : 0;
    }
}
