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
        out.write(TrecColumns.column("query id", queryId));
        out.write(" 0 ");
        out.write(TrecColumns.column("document id", docId));
        out.write(' ');
        out.write(Integer.toString(grade));
        out.write('\n');
    }
}
