package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FileReport;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportReport;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import picocli.CommandLine.Option;

/** Options and reporting shared by the four import commands. */
final class ImportSupport {
    @Option(names = "--format", paramLabel = "FORMAT", description = "the file format, instead of detecting it")
    String format;

    @Option(names = "--strict", description = "roll a file back at its first bad record instead of skipping it")
    boolean strict;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "1000",
            description = "list at most N skipped records per file (all are counted; default ${DEFAULT-VALUE})")
    int maxProblems;

    ImportOptions options(RecordKind kind) {
        ImportOptions options = new ImportOptions(null, strict, null, null, null, false, Math.max(0, maxProblems));
        return format == null ? options : options.withFormat(Format.named(kind, format));
    }

    static List<SourceFile> sources(List<Path> files) {
        return files.stream().map(SourceFile::of).toList();
    }

    /**
     * Runs an import with Ctrl-C as cancel (the file in progress rolls back), prints each skipped
     * record as {@code file:line: reason} and one summary line per file, and returns the exit code.
     */
    static int runAndReport(String what, PrintWriter out, PrintWriter err, ConsoleProgress progress,
            Function<CancellationToken, ImportResult> importer) {
        CancellationToken cancel = new CancellationToken();
        ImportResult result = withInterruptAsCancel(cancel, () -> importer.apply(cancel));
        progress.clear();
        print(what, result, out, err);
        return result.failed() ? Cli.FAILED : Cli.OK;
    }

    static void print(String what, ImportResult result, PrintWriter out, PrintWriter err) {
        for (FileReport file : result.files()) {
            ImportReport.problems(file, " (raise --max-problems to list them)").forEach(err::println);
            (file.ok() ? out : err).println(file.summary(what));
        }
        ImportReport.total(what, result).ifPresent(out::println);
        if (result.imported() == 0 && !result.anyFatal()) {
            err.println("error: nothing could be imported");
        }
        out.flush();
        err.flush();
    }

    /** Runs {@code work}; a Ctrl-C meanwhile cancels it and waits for its rollback before the JVM exits. */
    static <T> T withInterruptAsCancel(CancellationToken cancel, java.util.function.Supplier<T> work) {
        Object done = new Object();
        boolean[] finished = {false};
        Thread hook = new Thread(() -> {
            cancel.cancel();
            synchronized (done) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (!finished[0] && System.currentTimeMillis() < deadline) {
                    try {
                        done.wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            synchronized (done) {
                finished[0] = true;
                done.notifyAll();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook waits for us, nothing to remove
            }
        }
    }
}
