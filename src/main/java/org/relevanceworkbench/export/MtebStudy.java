package org.relevanceworkbench.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.formats.TrecColumns;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.Qrel;

/**
 * A study in MTEB's FollowIR layout, as {@code HFDataLoaderInstructions} reads a local data folder:
 * <pre>
 * corpus.jsonl            {"_id", "title", "text"}
 * queries.jsonl           {"_id", "text", "instruction_og", "instruction_changed"}
 * qrels_og/test.tsv       query-id  corpus-id  score   (under that header)
 * qrels_changed/test.tsv
 * qrel_diff.jsonl         {"query-id", "corpus-ids": [...]}: og-judged documents whose changed grade differs
 * top_ranked.jsonl        {"qid", "pid"}, one line per candidate, in candidate order
 * </pre>
 * "og" is the first variant exported and "changed" the second, whatever their names in the workspace.
 * UTF-8, LF line ends.
 */
public record MtebStudy(List<MtebQuery> queries, List<Qrel> qrelsOg, List<Qrel> qrelsChanged,
        Map<String, List<String>> qrelDiff, Map<String, List<String>> topRanked, List<Document> corpus,
        List<String> warnings) {

    /** One query line: the topic's query and the two instructions. */
    public record MtebQuery(String id, String text, String instructionOg, String instructionChanged) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes every file into {@code folder} (an empty folder that is renamed into place afterwards). */
    public void writeInto(Path folder) throws IOException {
        try (Writer out = open(folder.resolve("corpus.jsonl"))) {
            for (Document d : corpus) {
                ObjectNode line = JSON.createObjectNode();
                line.put("_id", d.docId());
                line.put("title", d.title() == null ? "" : d.title());
                line.put("text", d.text());
                jsonLine(out, line);
            }
        }
        try (Writer out = open(folder.resolve("queries.jsonl"))) {
            for (MtebQuery q : queries) {
                ObjectNode line = JSON.createObjectNode();
                line.put("_id", q.id());
                line.put("text", q.text());
                line.put("instruction_og", q.instructionOg());
                line.put("instruction_changed", q.instructionChanged());
                jsonLine(out, line);
            }
        }
        writeQrels(folder.resolve("qrels_og"), qrelsOg);
        writeQrels(folder.resolve("qrels_changed"), qrelsChanged);
        try (Writer out = open(folder.resolve("qrel_diff.jsonl"))) {
            for (Map.Entry<String, List<String>> diff : qrelDiff.entrySet()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("query-id", diff.getKey());
                ArrayNode ids = line.putArray("corpus-ids");
                diff.getValue().forEach(ids::add);
                jsonLine(out, line);
            }
        }
        try (Writer out = open(folder.resolve("top_ranked.jsonl"))) {
            for (Map.Entry<String, List<String>> topic : topRanked.entrySet()) {
                for (String doc : topic.getValue()) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("qid", topic.getKey());
                    line.put("pid", doc);
                    jsonLine(out, line);
                }
            }
        }
    }

    /** BEIR's qrels TSV, which MTEB reads with pandas-like CSV parsing: ids must hold no tab or line break. */
    private static void writeQrels(Path folder, List<Qrel> qrels) throws IOException {
        Files.createDirectory(folder);
        try (Writer out = open(folder.resolve("test.tsv"))) {
            out.write("query-id\tcorpus-id\tscore\n");
            for (Qrel q : qrels) {
                out.write(TrecColumns.column("query id", q.topicId()) + "\t" + TrecColumns.column("document id", q.docId())
                        + "\t" + q.grade() + "\n");
            }
        }
    }

    private static Writer open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static void jsonLine(Writer out, ObjectNode line) throws IOException {
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }
}
