package org.relevanceworkbench.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The readers behind {@link Qrels#read} and {@link Results#read}, with trec_eval's rules (get_qrels.c,
 * get_trec_results.c) rather than those of the workbench's importers, which skip bad lines: the first malformed
 * line fails the whole file. Fields are separated by C whitespace (space, tab, CR, VT, FF); a line whose first
 * non-blank character is '#' is a comment ('#' inside a docno is just a character); blank lines are skipped.
 * Qrels lines have exactly 4 fields; results lines at least 6, anything after the run id ignored.
 */
final class TrecFiles {
    /** Grades above this would make trec_eval's per-level counts huge; trec_eval documents -127..127. */
    static final int MAX_GRADE = 10_000;
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    private TrecFiles() {
    }

    static Qrels readQrels(Path file) throws IOException {
        return readQrels(bytes(file), file.toString());
    }

    static Qrels readQrels(InputStream in, String name) throws IOException {
        return readQrels(in.readAllBytes(), name);
    }

    static Results readResults(Path file) throws IOException {
        return readResults(bytes(file), file.toString());
    }

    static Results readResults(InputStream in, String name) throws IOException {
        return readResults(in.readAllBytes(), name);
    }

    private static byte[] bytes(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TrecEvalException(file + ": no such file");
        }
    }

    private static Qrels readQrels(byte[] content, String name) {
        SortedMap<String, Map<String, Integer>> topics = new TreeMap<>(StrcmpOrder.STRCMP);
        Map<String, String> duplicates = new HashMap<>();
        forEachRecord(content, name, (fields, line) -> {
            if (fields.size() != 4) {
                throw new TrecEvalException(name + ":" + line + ": expected 4 fields (topic iteration docno relevance), found "
                        + fields.size());
            }
            String topic = fields.get(0);
            String docno = fields.get(2);
            int grade = grade(fields.get(3), name, line);
            Integer previous = topics.computeIfAbsent(topic, t -> new LinkedHashMap<>()).putIfAbsent(docno, grade);
            if (previous != null) {
                duplicates.putIfAbsent(topic, name + ":" + line + ": document " + docno + " is judged twice for topic "
                        + topic);
            }
        });
        if (topics.isEmpty()) {
            throw new TrecEvalException(name + ": no judgments");
        }
        topics.replaceAll((topic, docs) -> Collections.unmodifiableMap(docs));
        return new Qrels(Collections.unmodifiableSortedMap(topics), Map.copyOf(duplicates));
    }

    private static Results readResults(byte[] content, String name) {
        SortedMap<String, List<ScoredDoc>> topics = new TreeMap<>(StrcmpOrder.STRCMP);
        String[] runId = {null};
        forEachRecord(content, name, (fields, line) -> {
            if (fields.size() < 6) {
                throw new TrecEvalException(name + ":" + line + ": expected 6 fields (topic Q0 docno rank score run), found "
                        + fields.size());
            }
            double score = score(fields.get(4), name, line);
            topics.computeIfAbsent(fields.get(0), t -> new ArrayList<>()).add(new ScoredDoc(fields.get(2), score, line));
            runId[0] = fields.get(5);
        });
        if (topics.isEmpty()) {
            throw new TrecEvalException(name + ": no results");
        }
        topics.replaceAll((topic, docs) -> Collections.unmodifiableList(docs));
        return new Results(runId[0], Collections.unmodifiableSortedMap(topics));
    }

    private static int grade(String text, String name, long line) {
        if (!INTEGER.matcher(text).matches()) {
            throw new TrecEvalException(name + ":" + line + ": relevance '" + text + "' is not an integer");
        }
        long grade;
        try {
            grade = Long.parseLong(text);
        } catch (NumberFormatException e) {
            grade = Long.MAX_VALUE;
        }
        if (grade > MAX_GRADE || grade < Integer.MIN_VALUE) {
            throw new TrecEvalException(name + ":" + line + ": relevance " + text + " is out of range (at most "
                    + MAX_GRADE + ")");
        }
        return (int) grade;
    }

    private static double score(String text, String name, long line) {
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new TrecEvalException(name + ":" + line + ": score '" + text + "' is not a number");
    }

    interface RecordHandler {
        void accept(List<String> fields, long line);
    }

    /** Splits the content into lines (on '\n') and fields, skipping blank and comment lines. */
    private static void forEachRecord(byte[] content, String name, RecordHandler handler) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> fields = new ArrayList<>();
        long line = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            line++;
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(content, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new TrecEvalException(name + ":" + line + ": not valid UTF-8");
            }
            split(text, fields);
            if (!fields.isEmpty() && fields.get(0).charAt(0) != '#') {
                handler.accept(fields, line);
            }
            start = end + 1;
        }
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    private static void split(String text, List<String> fields) {
        fields.clear();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (i > from) {
                fields.add(text.substring(from, i));
            }
        }
    }
}
