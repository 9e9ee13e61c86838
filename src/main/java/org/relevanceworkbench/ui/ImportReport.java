package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What an import from the window did: a summary line per file and every skipped record's file:line reason. */
public record ImportReport(String summary, List<String> problems, boolean failed) {
    /** One report of several imports (files of several kinds dropped together), in their order. */
    public static ImportReport combine(List<ImportReport> reports) {
        List<String> problems = new ArrayList<>();
        reports.forEach(r -> problems.addAll(r.problems()));
        return new ImportReport(reports.stream().map(ImportReport::summary).collect(Collectors.joining("\n")),
                List.copyOf(problems), reports.stream().anyMatch(ImportReport::failed));
    }
}
