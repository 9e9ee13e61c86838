package org.relevanceworkbench.corpus;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.ProblemKind;

/**
 * The outcome of importing one file. When {@code fatal} is set, the file's import was rolled back
 * as a whole and {@code imported} is 0; otherwise valid records were stored and each skipped one is
 * counted in {@code skippedByKind} (its message kept in {@code problems}, up to a limit).
 * {@code failure} is what stopped a failed file, for --verbose.
 */
public record FileReport(String file, Format format, long imported, long skipped,
        Map<ProblemKind, Long> skippedByKind, List<Problem> problems, String fatal, Throwable failure) {

    public boolean ok() {
        return fatal == null;
    }

    /** One line: "corpus.jsonl: 40 documents imported, 2 skipped (1 bad JSON, 1 duplicate id)". */
    public String summary(String what) {
        if (fatal != null) {
            return fatal;
        }
        String line = file + ": " + imported + " " + what + " imported";
        if (skipped > 0) {
            line += ", " + skipped + " skipped (" + skippedByKind.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().label())
                    .collect(Collectors.joining(", ")) + ")";
        }
        return line;
    }
}
