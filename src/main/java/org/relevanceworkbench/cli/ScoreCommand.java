package org.relevanceworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.AtomicFile;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "score", description = {
    "Score (query, instruction, document) lines with FollowIR-7B, here or on --server, without a workspace.",
    "Input lines: {\"id\", \"query\", \"text\"} with optional \"instruction\" and \"title\".",
    "Output lines, in input order: {\"id\", \"p_true\", \"logit_true\", \"logit_false\", \"logit_diff\", \"n_tokens\",",
    "\"truncated\"}; logits a server does not report are null; an approximate score adds \"approximate\", \"p_low\", \"p_high\"."})
final class ScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "JSON lines to score")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "JSON lines of scores (written whole or not at all; - for standard output)")
    Path output;

    /** One input line, checked. */
    record Line(long number, String id, String query, String instruction, String title, String text) {
    }

    @Override
    public Integer call() throws Exception {
        List<Line> lines = read(input); // every line is checked before the model loads
        PrintWriter err = spec.commandLine().getErr();
        Map<String, List<Line>> byQuery = new LinkedHashMap<>();
        for (Line line : lines) {
            byQuery.computeIfAbsent(line.query() + '\u0000' + line.instruction(), k -> new ArrayList<>()).add(line);
        }
        Map<Line, DocumentScore> scores = new LinkedHashMap<>();
        CancellationToken cancel = new CancellationToken();
        long started = System.nanoTime();
        try (Scorer scorer = model.scorer(err)) {
            ImportSupport.withInterruptAsCancel(cancel, () -> {
                int[] done = {0};
                for (List<Line> group : byQuery.values()) {
                    List<Candidate> docs = group.stream().map(l -> new Candidate(l.id(), l.title(), l.text())).toList();
                    List<DocumentScore> result = scorer.score(group.get(0).query(), group.get(0).instruction(), docs,
                            (batch, d, total) -> progress(err, done[0] + d, lines.size(), started), cancel);
                    for (int i = 0; i < group.size(); i++) {
                        scores.put(group.get(i), result.get(i));
                    }
                    done[0] += group.size();
                }
                return null;
            });
        }
        if (System.console() != null) {
            err.print("\r\033[K");
        }
        if (output.toString().equals("-")) {
            PrintWriter out = spec.commandLine().getOut();
            write(lines, scores, out);
            out.flush();
        } else {
            AtomicFile.write(output, w -> write(lines, scores, w));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf(Locale.US, "scored %d documents in %.1f s (%.1f docs/s)%n", lines.size(), seconds,
                lines.size() / Math.max(seconds, 1e-9));
        err.flush();
        return Cli.OK;
    }

    private static void progress(PrintWriter err, int done, int total, long started) {
        if (System.console() != null) {
            double seconds = (System.nanoTime() - started) / 1e9;
            err.printf(Locale.US, "\r\033[Kscored %,d / %,d (%.1f docs/s)", done, total, done / Math.max(seconds, 1e-9));
            err.flush();
        }
    }

    private static void write(List<Line> lines, Map<Line, DocumentScore> scores, Writer out) throws IOException {
        for (Line line : lines) {
            DocumentScore s = scores.get(line);
            ObjectNode json = JSON.createObjectNode();
            json.put("id", line.id());
            json.put("p_true", s.pTrue());
            putOrNull(json, "logit_true", s.logitTrue());
            putOrNull(json, "logit_false", s.logitFalse());
            putOrNull(json, "logit_diff", s.logitDiff());
            json.put("n_tokens", s.nTokens());
            json.put("truncated", s.truncated());
            if (s.approximate()) {
                json.put("approximate", true);
                json.put("p_low", s.bounds().low());
                json.put("p_high", s.bounds().high());
            }
            out.write(JSON.writeValueAsString(json));
            out.write('\n');
        }
    }

    /** Unknown values (NaN: a logit the server does not report) are written as JSON null. */
    private static void putOrNull(ObjectNode json, String key, double value) {
        if (Double.isNaN(value)) {
            json.putNull(key);
        } else {
            json.put(key, value);
        }
    }

    /** Reads and checks every input line; the first bad one stops everything with its file and line. */
    static List<Line> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such file");
        }
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                lines.add(parse(file, number, text));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserException(file + ":" + (lines.size() + 1) + ": invalid UTF-8");
        }
        if (lines.isEmpty()) {
            throw new UserException(file + ": no lines to score");
        }
        return lines;
    }

    private static Line parse(Path file, long number, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new UserException(file + ":" + number + ": bad JSON");
        }
        if (node == null || !node.isObject()) {
            throw new UserException(file + ":" + number + ": expected a JSON object");
        }
        String id = string(node, "id", file, number, true);
        String query = string(node, "query", file, number, true);
        String documentText = string(node, "text", file, number, true);
        return new Line(number, id, query, string(node, "instruction", file, number, false),
                string(node, "title", file, number, false), documentText);
    }

    private static String string(JsonNode node, String key, Path file, long number, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new UserException(file + ":" + number + ": missing \"" + key + "\"");
            }
            return null;
        }
        if (!value.isTextual() && !(key.equals("id") && value.isNumber())) {
            throw new UserException(file + ":" + number + ": \"" + key + "\" must be a string");
        }
        return value.asText();
    }
}
