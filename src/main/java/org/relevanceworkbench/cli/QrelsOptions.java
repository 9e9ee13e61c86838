package org.relevanceworkbench.cli;

import org.relevanceworkbench.export.QrelsSelection;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The qrels an export takes, exactly one of: --source NAME | --assessor NAME | --adjudicated [--adjudicator NAME]. */
final class QrelsOptions {
    @Option(names = "--source", paramLabel = "NAME", description = "stored qrels: imported, or a name given at import")
    String source;

    @Option(names = "--assessor", paramLabel = "NAME", description = "one assessor's judgments")
    String assessor;

    @ArgGroup(exclusive = false)
    Adjudication adjudication;

    /** --adjudicator only means something with --adjudicated, so picocli refuses it alone. */
    static final class Adjudication {
        @Option(names = "--adjudicated", required = true, description = "judgments adjudicated: the adjudicator's"
                + " grade, else the one all assessors agree on; disagreements nobody adjudicated are left out (and"
                + " counted)")
        boolean adjudicated;

        @Option(names = "--adjudicator", paramLabel = "NAME", description = "whose grade settles disagreements")
        String adjudicator;
    }

    QrelsSelection selection() {
        if (source != null) {
            return QrelsSelection.source(source);
        }
        if (assessor != null) {
            return QrelsSelection.assessor(assessor);
        }
        return QrelsSelection.adjudicated(adjudication.adjudicator);
    }
}
