package org.relevanceworkbench.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.relevanceworkbench.common.UserException;

/**
 * Tells a file's format from its first lines, with its name as a tie-breaker: content is what
 * counts, since a {@code .txt} may hold TREC SGML and a {@code .tsv} may be gzipped.
 */
public final class FormatDetector {
    private static final int PEEK_BYTES = 64 * 1024;
    private static final Pattern SGML_DOC = Pattern.compile("(?i)^\\s*<doc>");
    private static final Pattern TREC_TOP = Pattern.compile("(?i)^\\s*<top>");
    private static final Pattern XML_TOPICS = Pattern.compile("(?i)^\\s*<(\\?xml|topics|topic[\\s>])");

    /** A format and the file to read with it (a BEIR folder resolves to its corpus.jsonl). */
    public record Detected(Format format, SourceFile source) {
    }

    private FormatDetector() {
    }

    public static Detected detect(RecordKind kind, SourceFile source) throws IOException {
        if (source.isDirectory()) {
            return detectFolder(kind, source);
        }
        if (source.path() != null && !Files.exists(source.path())) {
            throw new java.nio.file.NoSuchFileException(source.name());
        }
        List<String> lines = firstLines(source);
        Format format = switch (kind) {
            case DOCUMENTS -> documents(source, lines);
            case TOPICS -> topics(lines);
            case QRELS -> qrels(lines);
            case RUNS -> runs(lines);
        };
        if (format == null) {
            throw new UserException("cannot tell the " + kind.label() + " format of " + source.name()
                    + " from its content; name it with --format (" + String.join(", ",
                            Format.of(kind).stream().map(Format::cliName).toList()) + ")");
        }
        return new Detected(format, source);
    }

    private static Detected detectFolder(RecordKind kind, SourceFile folder) {
        if (kind != RecordKind.DOCUMENTS) {
            throw new UserException(folder.name() + " is a folder; give the " + kind.label() + " file itself");
        }
        for (String corpus : new String[] {"corpus.jsonl", "corpus.jsonl.gz"}) {
            Path candidate = folder.path().resolve(corpus);
            if (Files.isRegularFile(candidate)) {
                return new Detected(Format.BEIR_JSONL, SourceFile.of(candidate));
            }
        }
        return new Detected(Format.TEXT_FOLDER, folder);
    }

    /**
     * What a dropped file most likely holds, from its name: qrels, topics (queries, instructions),
     * a run (top_ranked), else documents. The import itself then detects the exact format.
     */
    public static RecordKind guessKind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("qrel")) {
            return RecordKind.QRELS;
        }
        if (name.contains("topic") || name.contains("quer") || name.contains("instruction")) {
            return RecordKind.TOPICS;
        }
        if (name.contains("top_ranked") || name.matches(".*(^|[._-])run([._-]|$).*")) {
            return RecordKind.RUNS;
        }
        return RecordKind.DOCUMENTS;
    }

    /** True when a topics file only adds instructions to topics read from another file (MTEB layout). */
    public static boolean isInstructionsOnly(SourceFile source) throws IOException {
        for (String line : firstLines(source)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("{")) {
                return trimmed.contains("\"instruction\"") && !trimmed.contains("\"text\"")
                        && !trimmed.contains("\"query\"") && !trimmed.contains("\"title\"");
            }
        }
        return false;
    }

    private static Format documents(SourceFile source, List<String> lines) {
        String first = firstData(lines);
        if (first == null) {
            return byName(source.plainName());
        }
        if (first.startsWith("{")) {
            return Format.BEIR_JSONL;
        }
        if (lines.stream().anyMatch(l -> SGML_DOC.matcher(l).find())) {
            return Format.TREC_SGML;
        }
        Format named = byName(source.plainName());
        if (named != null) {
            return named;
        }
        if (first.indexOf('\t') >= 0) {
            return Format.TSV;
        }
        return first.indexOf(',') >= 0 ? Format.CSV : null;
    }

    private static Format byName(String name) {
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Format.BEIR_JSONL;
        }
        if (name.endsWith(".tsv")) {
            return Format.TSV;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".sgml") || name.endsWith(".sgm") || name.endsWith(".trec")) {
            return Format.TREC_SGML;
        }
        return null;
    }

    private static Format topics(List<String> lines) {
        String first = firstData(lines);
        if (first == null) {
            return null;
        }
        if (first.startsWith("{")) {
            return Format.QUERIES_JSONL;
        }
        if (lines.stream().anyMatch(l -> TREC_TOP.matcher(l).find())) {
            return Format.TREC_TOPICS;
        }
        return lines.stream().anyMatch(l -> XML_TOPICS.matcher(l).find()) ? Format.TREC_XML_TOPICS : null;
    }

    private static Format qrels(List<String> lines) {
        String first = firstData(lines);
        if (first == null) {
            return null;
        }
        String lower = first.toLowerCase(Locale.ROOT);
        if (lower.contains("query-id") || lower.contains("corpus-id")) {
            return Format.BEIR_QRELS;
        }
        int columns = first.strip().split("\\s+").length;
        if (columns == 4) {
            return Format.TREC_QRELS;
        }
        return columns == 3 && first.indexOf('\t') >= 0 ? Format.BEIR_QRELS : null;
    }

    private static Format runs(List<String> lines) {
        String first = firstData(lines);
        if (first == null) {
            return null;
        }
        if (first.startsWith("{")) {
            return Format.TOP_RANKED;
        }
        return first.strip().split("\\s+").length == 6 ? Format.TREC_RUN : null;
    }

    /** The first line that is neither blank nor a '#' comment. */
    private static String firstData(List<String> lines) {
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return trimmed;
            }
        }
        return null;
    }

    private static List<String> firstLines(SourceFile source) throws IOException {
        byte[] head = source.peek(PEEK_BYTES);
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (head.length == PEEK_BYTES && lines.size() > 1) {
            lines.remove(lines.size() - 1); // probably cut in the middle
        }
        return lines;
    }
}
