package org.relevanceworkbench.formats;

/**
 * BEIR/MTEB qrels: tab-separated {@code query-id corpus-id score} under a header line (a file
 * without the header is read the same way).
 */
public final class BeirQrelsReader implements FormatReader<QrelRecord> {
    @Override
    public void read(SourceFile source, RecordSink<QrelRecord> sink) throws Exception {
        boolean[] first = {true};
        Columns.read(source, sink, (cols, line, at, s) -> {
            boolean header = first[0] && cols.length >= 3 && Columns.parseGrade(cols[cols.length - 1]) == null;
            first[0] = false;
            if (header) {
                return;
            }
            if (cols.length != 3) {
                s.problem(at, ProblemKind.WRONG_COLUMNS,
                        "expected 3 tab-separated columns (query-id corpus-id score), found " + cols.length);
                return;
            }
            String topic = cols[0].strip();
            String doc = cols[1].strip();
            String problem = Ids.problem("query id", topic);
            if (problem == null) {
                problem = Ids.problem("document id", doc);
            }
            if (problem != null) {
                s.problem(at, ProblemKind.BAD_VALUE, problem);
                return;
            }
            Integer grade = Columns.parseGrade(cols[2]);
            if (grade == null) {
                s.problem(at, ProblemKind.BAD_VALUE, "relevance score is not an integer: " + Ids.abbreviate(cols[2]));
                return;
            }
            Ids.QueryId id = Ids.splitVariant(topic);
            s.accept(new QrelRecord(at, id.topicId(), id.variant(), doc, grade));
        }, "\t");
    }
}
