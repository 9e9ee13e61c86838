package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test sink: keeps every record and problem a reader hands it, in order. */
public final class CollectingSink<R> implements RecordSink<R> {
    public final List<R> records = new ArrayList<>();
    public final List<Problem> problems = new ArrayList<>();

    @Override
    public void accept(R record) {
        records.add(record);
    }

    @Override
    public void problem(Problem problem) {
        problems.add(problem);
    }

    /** The problems as users see them: {@code file:line: message}. */
    public List<String> problemLines() {
        return problems.stream().map(Problem::toString).toList();
    }

    /** Reads {@code file} with {@code format}'s reader and collects the outcome. */
    public static <R> CollectingSink<R> read(Format format, Path file) throws Exception {
        CollectingSink<R> sink = new CollectingSink<>();
        format.<R>newReader().read(SourceFile.of(file), sink);
        return sink;
    }

    /** Writes {@code text} as UTF-8. */
    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Writes raw bytes, for invalid UTF-8 and truncated files. */
    public static Path writeBytes(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    /** Writes {@code text} gzipped. */
    public static Path writeGzip(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
