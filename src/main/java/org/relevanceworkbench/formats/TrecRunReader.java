package org.relevanceworkbench.formats;

/** TREC runs: {@code topic Q0 docno rank score tag}, whitespace-separated, as trec_eval reads them. */
public final class TrecRunReader implements FormatReader<RunRecord> {
    @Override
    public void read(SourceFile source, RecordSink<RunRecord> sink) throws Exception {
        Columns.readWhitespace(source, sink, (cols, line, at, s) -> {
            if (cols.length != 6) {
                s.problem(at, ProblemKind.WRONG_COLUMNS,
                        "expected 6 columns (topic Q0 docno rank score tag), found " + cols.length);
                return;
            }
            Integer rank = Columns.parseInt(cols[3]);
            if (rank == null) {
                s.problem(at, ProblemKind.BAD_VALUE, "rank is not an integer: " + Ids.abbreviate(cols[3]));
                return;
            }
            Double score = Columns.parseDouble(cols[4]);
            if (score == null) {
                s.problem(at, ProblemKind.BAD_VALUE, "score is not a finite number: " + Ids.abbreviate(cols[4]));
                return;
            }
            Ids.QueryId id = Ids.splitVariant(cols[0]);
            s.accept(new RunRecord(at, id.topicId(), id.variant(), cols[2], rank, score, cols[5]));
        });
    }
}
