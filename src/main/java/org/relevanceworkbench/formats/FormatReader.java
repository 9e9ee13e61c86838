package org.relevanceworkbench.formats;

/**
 * Streams the records of one source. I/O failures (unreadable file, truncated gzip) propagate as
 * exceptions; malformed content never does: it becomes a {@link Problem} and reading goes on.
 */
@FunctionalInterface
public interface FormatReader<R> {
    void read(SourceFile source, RecordSink<R> sink) throws Exception;
}
