package org.relevanceworkbench.formats;

/** TREC qrels: {@code topic iteration docno grade}, whitespace-separated; the iteration is ignored, as trec_eval does. */
public final class TrecQrelsReader implements FormatReader<QrelRecord> {
    @Override
    public void read(SourceFile source, RecordSink<QrelRecord> sink) throws Exception {
        Columns.readWhitespace(source, sink, (cols, line, at, s) -> {
            if (cols.length != 4) {
                s.problem(at, ProblemKind.WRONG_COLUMNS,
                        "expected 4 columns (topic iteration docno grade), found " + cols.length);
                return;
            }
            Integer grade = Columns.parseGrade(cols[3]);
            if (grade == null) {
                s.problem(at, ProblemKind.BAD_VALUE, "relevance grade is not an integer: " + Ids.abbreviate(cols[3]));
                return;
            }
            Ids.QueryId id = Ids.splitVariant(cols[0]);
            s.accept(new QrelRecord(at, id.topicId(), id.variant(), cols[2], grade));
        });
    }
}
