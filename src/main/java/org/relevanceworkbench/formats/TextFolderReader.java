package org.relevanceworkbench.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A folder of {@code .txt} files, one document each, searched recursively. The document id is the
 * file's path relative to the folder, without {@code .txt} and with {@code /} separators, so that
 * ids are the same on every platform; files are read in the order of those paths, so that
 * imports are repeatable. Hidden files and folders (a name starting with {@code .}) are skipped,
 * as are files that are not {@code .txt}. Symbolic links are followed, except those that lead
 * back into a folder being walked.
 */
public final class TextFolderReader implements FormatReader<DocumentRecord> {
    private static final String EXTENSION = ".txt";

    private final int maxFileBytes;

    public TextFolderReader() {
        this(LineReader.MAX_LINE_BYTES);
    }

    /** With a smaller cap on a file's size, so that tests need not write 64 MiB. */
    TextFolderReader(int maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
    }

    /** A file to read, or a folder or file that could not be listed ({@code failure} set). */
    private record Entry(String relative, Path path, IOException failure) {
    }

    @Override
    public void read(SourceFile source, RecordSink<DocumentRecord> sink) throws Exception {
        Path root = source.path();
        if (root == null || !Files.isDirectory(root)) {
            throw new IOException(source.name() + (root != null && !Files.exists(root)
                    ? " does not exist" : " is not a folder (a folder of .txt files was expected)"));
        }
        List<Entry> entries = list(root);
        entries.sort(Comparator.comparing(Entry::relative));
        StrictUtf8 utf8 = new StrictUtf8();
        for (Entry entry : entries) {
            Location file = new Location(source.name() + "/" + entry.relative(), 0);
            if (entry.failure() != null) {
                sink.problem(file, ProblemKind.BAD_VALUE, "cannot read: " + reason(entry.failure()));
            } else {
                readFile(source, entry, file, utf8, sink);
            }
        }
    }

    /**
     * Only paths are gathered before reading, never contents: sorting needs them all, and a path
     * costs little next to a document.
     */
    private static List<Entry> list(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // A broken link has the attributes of the link itself: kept, so that reading
                        // it reports the missing target instead of the document vanishing silently.
                        // Devices and pipes are left out: reading a pipe would block forever.
                        if (!isHidden(file) && isText(file) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                            entries.add(new Entry(relative(root, file), file, null));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (file.equals(root)) {
                            throw e;
                        }
                        // A link back into a folder being walked would repeat its documents forever.
                        if (!(e instanceof FileSystemLoopException) && !isHidden(file)
                                && (isText(file) || Files.isDirectory(file))) {
                            entries.add(new Entry(relative(root, file), file, e));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null) {
                            if (dir.equals(root)) {
                                throw e;
                            }
                            entries.add(new Entry(relative(root, dir), dir, e));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return entries;
    }

    private void readFile(SourceFile source, Entry entry, Location file, StrictUtf8 utf8,
            RecordSink<DocumentRecord> sink) throws Exception {
        byte[] bytes;
        try {
            long size = Files.size(entry.path());
            if (size > maxFileBytes) {
                source.countBytes(size);
                sink.problem(file, ProblemKind.TOO_LONG, "file larger than " + size(maxFileBytes));
                return;
            }
            try (InputStream in = Files.newInputStream(entry.path())) {
                // The size was checked, but the file may have grown since.
                bytes = in.readNBytes(maxFileBytes + 1);
            }
        } catch (FileSystemException e) {
            sink.problem(file, ProblemKind.BAD_VALUE, "cannot read: " + reason(e));
            return;
        }
        source.countBytes(bytes.length);
        if (bytes.length > maxFileBytes) {
            sink.problem(file, ProblemKind.TOO_LONG, "file larger than " + size(maxFileBytes));
            return;
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharBuffer text = utf8.decode(bytes, start, bytes.length);
        if (text == null) {
            long line = 1 + utf8.bad().linesAfterStart();
            sink.problem(new Location(file.file(), line), ProblemKind.INVALID_UTF8,
                    "invalid UTF-8 at byte " + utf8.bad().byteInLine() + " of line " + line);
            return;
        }
        String relative = entry.relative();
        String stem = relative.substring(0, relative.length() - EXTENSION.length());
        String id = replaceWhitespace(stem);
        String idProblem = Ids.problem("document id", id);
        if (idProblem != null) {
            sink.problem(file, ProblemKind.BAD_VALUE, idProblem);
            return;
        }
        // The id no longer leads back to the file once whitespace is replaced, so the path is kept.
        String fieldsJson = id.equals(stem) ? null
                : JsonLines.MAPPER.writeValueAsString(JsonLines.MAPPER.createObjectNode().put("path", relative));
        sink.accept(new DocumentRecord(file, id, null, text.toString().replace("\r\n", "\n").strip(), fieldsJson));
    }

    /** Ids may not hold whitespace (see {@link Ids#problem}), but file names often do. */
    private static String replaceWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inRun = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!inRun) {
                    out.append('_');
                }
                inRun = true;
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean isText(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    private static String relative(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
