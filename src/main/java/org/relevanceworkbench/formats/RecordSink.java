package org.relevanceworkbench.formats;

/**
 * Where a {@link FormatReader} hands what it reads: each valid record, and a {@link Problem} for
 * each record it had to skip. Readers never stop at a bad record; the sink may stop them by
 * throwing (cancel, strict mode).
 */
public interface RecordSink<R> {
    void accept(R record) throws Exception;

    void problem(Problem problem);

    default void problem(Location at, ProblemKind kind, String message) {
        problem(new Problem(at, kind, message));
    }
}
