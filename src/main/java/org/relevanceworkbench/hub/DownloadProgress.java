package org.relevanceworkbench.hub;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a download stands: the file being fetched and its bytes, the bytes of the whole download this run, the speed
 * over the last seconds, and the time left at that speed (null until there is a speed).
 */
public record DownloadProgress(String file, long fileBytes, long fileSize, long doneBytes, long totalBytes,
        double bytesPerSecond, Duration eta) {

    /** {@code model-00001-of-00003.safetensors 1.2 GB / 4.9 GB · 2.3 / 14.5 GB · 48.2 MB/s · 4 min 13 s left}. */
    public String describe() {
        StringBuilder s = new StringBuilder(file).append(' ').append(Sizes.bytes(fileBytes)).append(" / ")
                .append(Sizes.bytes(fileSize));
        if (totalBytes > fileSize) {
            s.append(" · ").append(Sizes.bytes(doneBytes)).append(" / ").append(Sizes.bytes(totalBytes));
        }
        if (bytesPerSecond > 0) {
            s.append(" · ").append(String.format(Locale.US, "%.1f MB/s", bytesPerSecond / 1e6));
        }
        if (eta != null) {
            s.append(" · ").append(Sizes.duration(eta)).append(" left");
        }
        return s.toString();
    }
}
