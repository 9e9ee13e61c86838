package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.Writer;

/**
 * TREC run lines: {@code topic Q0 docno rank score tag}, single spaces, LF. The score is the
 * shortest exact decimal ({@link Decimals}), so trec_eval, which orders by score and not by the
 * rank column, sees exactly the order the ranks say.
 */
public final class TrecRunWriter {
    private final Writer out;
    private final String tag;

    public TrecRunWriter(Writer out, String tag) {
        this.out = out;
        this.tag = TrecColumns.column("run tag", tag);
    }

    public void write(String queryId, String docId, int rank, double score) throws IOException {
        out.write(TrecColumns.column("query id", queryId));
        out.write(" Q0 ");
        out.write(TrecColumns.column("document id", docId));
        out.write(' ');
        out.write(Integer.toString(rank));
        out.write(' ');
        out.write(Decimals.plain(score));
        out.write(' ');
        out.write(tag);
        out.write('\n');
    }
}
