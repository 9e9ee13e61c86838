package org.relevanceworkbench.eval;

import org.relevanceworkbench.common.UserException;

/**
 * Input trec_eval would refuse: a malformed qrels or results line ({@code file:line: reason}), a duplicate
 * document, an unknown measure, or no query to evaluate. One line, shown without a stack trace.
 */
public final class TrecEvalException extends UserException {
    private static final long serialVersionUID = 1L;

    public TrecEvalException(String message) {
        super(message);
    }
}
