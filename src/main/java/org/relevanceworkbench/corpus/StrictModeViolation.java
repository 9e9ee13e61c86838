package org.relevanceworkbench.corpus;

import org.relevanceworkbench.formats.Problem;

/** Thrown at the first bad record under --strict; rolls the file back. */
final class StrictModeViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    StrictModeViolation(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
