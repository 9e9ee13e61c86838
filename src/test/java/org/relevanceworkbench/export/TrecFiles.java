package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.relevanceworkbench.formats.AtomicFile;

/** Test helper: writes exports to files and checks them against trec_eval's column rules. */
final class TrecFiles {
    private TrecFiles() {
    }

    static Path write(Path file, AtomicFile.Content content) throws Exception {
        AtomicFile.write(file, content);
        return file;
    }

    /**
     * trec_eval splits on whitespace and expects an exact column count: every line must split into
     * exactly {@code columns} non-empty fields, separated by single spaces, without leading or trailing
     * blanks, so that no docno (or tag) can hold whitespace.
     */
    static List<String[]> columns(Path file, int columns) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(Files.readString(file)).endsWith("\n").doesNotContain("\r");
        for (String line : lines) {
            String[] fields = line.split(" ", -1);
            assertThat(fields).as(line).hasSize(columns).allSatisfy(f -> assertThat(f).isNotEmpty()
                    .doesNotContainPattern("\\s"));
            assertThat(line.split("\\s+")).as(line).hasSize(columns);
        }
        return lines.stream().map(l -> l.split(" ")).toList();
    }
}
