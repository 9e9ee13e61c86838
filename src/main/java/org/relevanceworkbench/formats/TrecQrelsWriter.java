package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.Writer;

/** TREC qrels lines as trec_eval reads them: {@code topic 0 docno grade}, single spaces, LF. */
public final class TrecQrelsWriter {
    private final Writer out;

    public TrecQrelsWriter(Writer out) {
        this.out = out;
    }

    public void write(String queryId, String docId, int grade) throws IOException {
        write(queryId, docId, grade, null);
    }

    /**
     * A qrels line with extra columns after the grade (the judging condition), space-separated; null: none. Such
     * files are for analysis, not for trec_eval, which reads exactly four columns.
     */
    public void write(String queryId, String docId, int grade, String extraColumns) throws IOException {
        out.write(TrecColumns.column("query id", queryId));
        out.write(" 0 ");
        out.write(TrecColumns.column("document id", docId));
        out.write(' ');
        out.write(Integer.toString(grade));
        if (extraColumns != null) {
            out.write(' ');
            out.write(extraColumns);
        }
        out.write('\n');
    }
}
