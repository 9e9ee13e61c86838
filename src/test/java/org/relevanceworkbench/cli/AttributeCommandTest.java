package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.formats.CsvRows;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.ScoreCacheDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/** attribute, end to end on the golden tiny checkpoint: the lines, the table, what-if, cost, bad input. */
class AttributeCommandTest {
    @TempDir
    static Path dir;
    static String db;
    static String model;
    final CliRunner cli = new CliRunner();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void samples() throws Exception {
        db = dir.resolve("ws.db").toString();
        model = Path.of(AttributeCommandTest.class.getResource("/followir-golden/tiny-bf16").toURI()).toString();
        assertThat(new CliRunner().run("--db", db, "samples").exitCode()).isZero();
        try (Database d = Database.open(Path.of(db))) {
            d.write(c -> {
                long trec = new CollectionDao(c).require("trec-mini").id();
                TopicDao topics = new TopicDao(c);
                long row = topics.findRow(trec, "110").orElseThrow();
                topics.upsertVariant(row, "formula", "=SUM(1,2) counts. -Minus starts this one; @at ends it");
                topics.upsertVariant(row, "blank", " ");
                return null;
            });
        }
    }

    private CliRunner.Result attribute(String... args) {
        List<String> all = new ArrayList<>(List.of("--db", db, "attribute", "--collection", "trec-mini", "--model",
                model, "--device", "cpu"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void jsonlHasALinePerCandidateAndClauseAQueryAloneLineAndTheWordsAndEachIsAPlainScore() throws Exception {
        Path out = dir.resolve("104.jsonl");
        CliRunner.Result r = attribute("--topic", "104", "--variant", "og", "--candidates", "bm25:3", "--output",
                out.toString(), "--words", "TM104-01");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("topic '104', variant 'og': 2 clauses, 3 candidates; ")
                .containsPattern("wrote 79 lines to .*104.jsonl; \\d+ pairs scored, 0 from the cache");
        assertThat(r.out()).containsPattern("(?m)^clause 1 +flips \\d+, mean \\|delta\\| 0\\.\\d{4}, Kendall tau")
                .contains("clause 2 ").containsPattern("(?m)^query alone +flips");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(3 * 3 + 70);
        JsonNode first = lines.get(0);
        assertThat(keys(first)).containsExactly("doc_id", "clause_index", "clause", "instruction_without", "p_full",
                "p_without", "delta");
        assertThat(first.get("clause_index").asInt()).isEqualTo(1);
        assertThat(lines.get(1).get("clause_index").asInt()).isEqualTo(2);
        assertThat(first.get("instruction_without").asText()).isEqualTo(lines.get(1).get("clause").asText());
        JsonNode alone = lines.get(2);
        assertThat(keys(alone)).containsExactly("doc_id", "clause_index", "clause", "instruction_without", "p_full",
                "p_without", "delta");
        assertThat(alone.get("clause_index").isNull()).isTrue();
        assertThat(alone.get("clause").isNull()).isTrue();
        assertThat(alone.get("instruction_without").asText()).isEmpty();
        for (JsonNode line : lines) {
            assertThat(line.get("delta").asDouble()).isCloseTo(line.get("p_without").asDouble()
                    - line.get("p_full").asDouble(), within(1e-12));
        }
        JsonNode word = lines.get(9);
        assertThat(keys(word)).containsExactly("doc_id", "word_index", "word", "instruction_without", "p_full",
                "p_without", "delta");
        assertThat(word.get("doc_id").asText()).isEqualTo("TM104-01");
        assertThat(word.get("word_index").asInt()).isEqualTo(1);
        assertThat(word.get("word").asText()).isEqualTo("A");
        assertThat(lines.get(78).get("word_index").asInt()).isEqualTo(70);

        // every p_without is what `score` gives for exactly instruction_without (and p_full for the instruction)
        Path pairs = dir.resolve("pairs.jsonl");
        List<JsonNode> checked = List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(5), word,
                lines.get(50));
        try (Database d = Database.open(Path.of(db))) {
            long trec = d.read(c -> new CollectionDao(c).require("trec-mini").id());
            Topic topic = d.read(c -> new TopicDao(c).find(trec, "104")).orElseThrow();
            StringBuilder input = new StringBuilder();
            int i = 0;
            for (JsonNode line : checked) {
                Document doc = d.read(c -> new DocumentDao(c).find(trec, line.get("doc_id").asText())).orElseThrow();
                for (String instruction : List.of(line.get("instruction_without").asText(),
                        topic.variant("og").orElseThrow().instruction())) {
                    ObjectNode pair = json.createObjectNode().put("id", "p" + i++).put("query", topic.query())
                            .put("instruction", instruction).put("text", doc.text());
                    if (doc.title() != null) {
                        pair.put("title", doc.title());
                    }
                    input.append(pair).append('\n');
                }
            }
            Files.writeString(pairs, input);
        }
        Path scores = dir.resolve("scores.jsonl");
        CliRunner.Result s = cli.run("score", "--model", model, "--device", "cpu", "--input", pairs.toString(),
                "--output", scores.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        List<String> scored = Files.readAllLines(scores);
        // Two float32 runs of other batches round differently (on an AVX-512 CPU by up to 1.3e-6 in p here): the
        // bound is ReferenceMistralTest's 1e-5 on the logits, as p moves at most a quarter as much. A wrong text
        // moves p by orders of magnitude more.
        double sameScore = 1e-5 / 4;
        for (int k = 0; k < checked.size(); k++) {
            assertThat(checked.get(k).get("p_without").asDouble()).isCloseTo(
                    json.readTree(scored.get(2 * k)).get("p_true").asDouble(), within(sameScore));
            assertThat(checked.get(k).get("p_full").asDouble()).isCloseTo(
                    json.readTree(scored.get(2 * k + 1)).get("p_true").asDouble(), within(sameScore));
        }

        CliRunner.Result again = attribute("--topic", "104", "--variant", "og", "--candidates", "bm25:3", "--output",
                out.toString(), "--words", "TM104-01");
        assertThat(again.err()).contains("83 pairs: 83 in the cache, 0 to score") // 3 × 4 + 70 words + TM104-01 in full
                .containsPattern("0 pairs scored, 83 from the cache");
    }

    @Test
    void csvAndTheTableAreFormulaSafeAndCountFromOne() throws Exception {
        Path out = dir.resolve("formula.csv");
        Path table = dir.resolve("formula-table.csv");
        CliRunner.Result r = attribute("--topic", "110", "--variant", "formula", "--candidates", "bm25:2", "--output",
                out.toString(), "--format", "csv", "--table", table.toString(), "--clause-alone");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<List<String>> rows = CsvRows.read(out);
        assertThat(rows.get(0)).containsExactly("kind", "doc_id", "clause_index", "clause", "word_index", "word",
                "instruction_scored", "p_full", "p_scored", "delta");
        assertThat(rows).hasSize(1 + 2 * (3 + 1 + 3));
        assertThat(rows.get(1).subList(0, 4)).containsExactly("without", rows.get(1).get(1), "1", "'=SUM(1,2) counts.");
        assertThat(rows.get(1).get(6)).isEqualTo("'-Minus starts this one; @at ends it");
        assertThat(rows.get(3).get(3)).isEqualTo("'@at ends it");
        assertThat(rows.get(4).subList(0, 4)).containsExactly("query_alone", rows.get(1).get(1), "", "");
        assertThat(rows.get(5).get(0)).isEqualTo("alone");
        assertThat(rows.get(5).get(6)).isEqualTo("'=SUM(1,2) counts.");
        assertThat(Double.parseDouble(rows.get(1).get(9))).isCloseTo(Double.parseDouble(rows.get(1).get(8))
                - Double.parseDouble(rows.get(1).get(7)), within(1e-12));

        List<List<String>> t = CsvRows.read(table);
        assertThat(t.get(0)).containsExactly("row", "doc_id", "title", "p_full", "p_query_alone", "delta_query_alone",
                "delta_clause_1", "delta_clause_2", "delta_clause_3", "delta_alone_1", "delta_alone_2",
                "delta_alone_3");
        assertThat(t.get(1)).containsExactly("clause", "", "", "", "", "", "'=SUM(1,2) counts.",
                "'-Minus starts this one;", "'@at ends it", "'=SUM(1,2) counts.", "'-Minus starts this one;",
                "'@at ends it");
        assertThat(t.get(2).get(0)).isEqualTo("document");
        assertThat(t).extracting(row -> row.get(0)).containsExactly("row", "clause", "document", "document", "flips",
                "mean_abs_delta", "kendall_tau");
        assertThat(t.get(4).get(6)).matches("[0-2]");

        Path jsonTable = dir.resolve("formula-table.jsonl");
        assertThat(attribute("--topic", "110", "--variant", "formula", "--candidates", "bm25:2", "--output",
                dir.resolve("formula.jsonl").toString(), "--table", jsonTable.toString()).exitCode()).isZero();
        List<String> jsonRows = Files.readAllLines(jsonTable);
        assertThat(json.readTree(jsonRows.get(1)).get("delta_clause_1").isNumber()).isTrue();
        assertThat(json.readTree(jsonRows.get(0)).get("delta_clause_1").asText()).isEqualTo("=SUM(1,2) counts.");
    }

    @Test
    void aRowBecomesAVariantAndTheCostComesFirst() throws Exception {
        Path out = dir.resolve("whatif.jsonl");
        CliRunner.Result dry = attribute("--topic", "106", "--variant", "og", "--candidates", "bm25:4", "--dry-run",
                "--docs-per-second", "2");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.err()).contains("topic '106', variant 'og': 3 clauses, 4 candidates; 20 pairs: 0 in the"
                + " cache, 20 to score, about 10 s at 2.0 docs/s");
        CliRunner.Result r = attribute("--topic", "106", "--variant", "og", "--candidates", "bm25:4", "--output",
                out.toString(), "--as-variant", "og-without-2", "--clause", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("variant 'og-without-2' of topic '106': without clause 2 of 'og'");
        String without2 = json.readTree(Files.readAllLines(out).get(1)).get("instruction_without").asText();
        try (Database d = Database.open(Path.of(db))) {
            long trec = d.read(c -> new CollectionDao(c).require("trec-mini").id());
            Topic topic = d.read(c -> new TopicDao(c).find(trec, "106")).orElseThrow();
            assertThat(topic.variants()).extracting(Variant::name).containsExactly("og", "changed", "og-without-2");
            assertThat(topic.variant("og-without-2").orElseThrow().instruction()).isEqualTo(without2);
        }
        CliRunner.Result rerank = cli.run("--db", db, "rerank", "--collection", "trec-mini", "--topic", "106",
                "--variants", "og-without-2", "--candidates", "bm25:4", "--model", model, "--device", "cpu");
        assertThat(rerank.out()).contains("og-without-2: 4 candidates (4 from the cache, 0 scored)");
    }

    @Test
    void anInstructionOfOneClauseGetsANoteAndTheQueryAloneLines() throws Exception {
        Path out = dir.resolve("cameron.jsonl");
        CliRunner.Result r = cli.run("--db", db, "attribute", "--collection", "james-cameron", "--topic", "cameron",
                "--variant", "og", "--candidates", "bm25:3", "--model", model, "--device", "cpu", "--output",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("note: the instruction of variant 'og' is one clause: leaving it out leaves"
                + " the query alone, so only the query-alone scores are computed\n");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"clause_index\":null,\"clause\":null,"
                + "\"instruction_without\":\"\""));
    }

    @Test
    void badInputIsOneLineAndChangesNothing() throws Exception {
        Path out = dir.resolve("bad.jsonl");
        long cacheBefore;
        try (Database d = Database.open(Path.of(db))) {
            cacheBefore = d.read(c -> new ScoreCacheDao(c).count());
        }
        String[][] cases = {
            {"collection 'trec-mini' has no topic '999'", "--topic", "999", "--variant", "og"},
            {"topic '101' has no variant 'mine' (variants: og, changed)", "--topic", "101", "--variant", "mine"},
            {"collection 'trec-mini' has no document 'nope'", "--topic", "104", "--variant", "og", "--words", "nope"},
            {"word occlusion takes instructions of up to 80 words; this one has 109 (attribute its clauses instead)",
                "--topic", "101", "--variant", "og", "--words", "TM101-01"},
            {"variant 'blank' of topic '110' has an empty instruction: there is nothing to attribute", "--topic",
                "110", "--variant", "blank"},
            {"the instruction of variant 'changed' has 6 clauses, more than 40: join some, or allow them"
                + " (--max-clauses 6)", "--topic", "101", "--variant", "changed", "--max-clauses", "40"},
            {"the instruction of variant 'og' has 2 clauses, more than 1: join some, or allow them (--max-clauses 2)",
                "--topic", "104", "--variant", "og", "--max-clauses", "1"},
            {"--as-variant NAME and --clause K go together", "--topic", "104", "--variant", "og", "--as-variant", "x"},
            {"topic '104' already has a variant 'changed'", "--topic", "104", "--variant", "og", "--as-variant",
                "changed", "--clause", "1"},
            {"there is no clause 3: the instruction of variant 'og' has 2 clauses", "--topic", "104", "--variant", "og",
                "--as-variant", "x", "--clause", "3"},
            {"candidates must be bm25:K (K ≥ 1), all, run:NAME or pool:K:RUN1,RUN2, not 'bm25:0'", "--topic", "104",
                "--variant", "og", "--candidates", "bm25:0"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
            if (!args.contains("--candidates")) {
                args.addAll(List.of("--candidates", "bm25:2"));
            }
            args.addAll(List.of("--output", out.toString()));
            CliRunner.Result r = attribute(args.toArray(String[]::new));
            if (c[0].contains("more than 40")) { // 6 clauses are fine under the default 40: only the message's form
                assertThat(r.exitCode()).as(r.err()).isZero();
                Files.delete(out);
                continue;
            }
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: " + c[0] + "\n");
            assertThat(out).doesNotExist();
        }
        try (Database d = Database.open(Path.of(db))) {
            long trec = d.read(c -> new CollectionDao(c).require("trec-mini").id());
            assertThat(d.read(c -> new TopicDao(c).find(trec, "104")).orElseThrow().variants())
                    .extracting(Variant::name).containsExactly("og", "changed");
            long cacheAfter = d.read(c -> new ScoreCacheDao(c).count());
            assertThat(cacheAfter - cacheBefore).isEqualTo(2 * (1 + 1 + 6)); // only the one good run scored
        }
    }
}
