package org.relevanceworkbench.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.relevanceworkbench.formats.Problem;

/**
 * What an import did, in the words both the command line and the window use: a summary line per file
 * ({@link FileReport#summary}), every listed skipped record as {@code file:line: reason}, a line for those
 * counted but not listed, and a total when there were several files.
 */
public record ImportReport(String summary, List<String> problems, boolean failed) {
    /** The report of {@code result}, its records counted as {@code what} ("documents", "run lines"). */
    public static ImportReport of(String what, ImportResult result, String moreHint) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (FileReport file : result.files()) {
            lines.add(file.summary(what));
            problems.addAll(problems(file, moreHint));
        }
        total(what, result).ifPresent(lines::add);
        return new ImportReport(String.join("\n", lines), List.copyOf(problems), result.failed());
    }

    /** A file's skipped records as {@code file:line: reason}, then "… and N more skipped records" {@code moreHint}. */
    public static List<String> problems(FileReport file, String moreHint) {
        List<String> lines = new ArrayList<>();
        file.problems().stream().map(Problem::toString).forEach(lines::add);
        long hidden = file.skipped() - file.problems().size();
        if (hidden > 0) {
            lines.add(file.file() + ": … and " + hidden + " more skipped records" + moreHint);
        }
        return lines;
    }

    /** "total: 40 documents imported, 2 skipped", for an import of more than one file. */
    public static Optional<String> total(String what, ImportResult result) {
        return result.files().size() > 1
                ? Optional.of("total: " + result.imported() + " " + what + " imported, " + result.skipped() + " skipped")
                : Optional.empty();
    }

    /** One report of several imports (files of several kinds dropped together), in their order. */
    public static ImportReport combine(List<ImportReport> reports) {
        List<String> problems = new ArrayList<>();
        reports.forEach(r -> problems.addAll(r.problems()));
        return new ImportReport(reports.stream().map(ImportReport::summary).collect(Collectors.joining("\n")),
                List.copyOf(problems), reports.stream().anyMatch(ImportReport::failed));
    }
}
