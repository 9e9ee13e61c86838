package org.relevanceworkbench.formats;

import org.relevanceworkbench.common.UserException;

/**
 * The one rule TREC files (qrels, runs) impose on what goes into a column: trec_eval splits lines
 * on whitespace, so an empty value or one holding whitespace would shift every later column.
 * Writers check each id here rather than trusting their caller, because judgments and run names
 * reach the store by other roads than the validating importers.
 */
public final class TrecColumns {
    private TrecColumns() {
    }

    /** {@code value} when it can be one TREC column; a user error naming it otherwise. */
    public static String column(String what, String value) {
        String problem = Ids.problem(what, value);
        if (problem != null) {
            throw new UserException("cannot export: " + problem + " (TREC and TSV columns hold one word)");
        }
        return value;
    }
}
