package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;
import static org.relevanceworkbench.formats.CollectingSink.writeBytes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();

    private Path db() {
        return dir.resolve("ws.db");
    }

    private Path corpus() throws Exception {
        return write(dir.resolve("corpus.jsonl"), """
                {"_id": "avatar", "title": "Avatar", "text": "A 2009 film written and directed by James Cameron."}
                {"_id": "jaws", "title": "Jaws", "text": "A 1975 film directed by Steven Spielberg.", "year": 1975}
                {"_id": "broken", "text": "no closing brace"
                {"_id": "avatar", "text": "duplicate"}
                """);
    }

    @Test
    void importReportsEachBadLineAndASummaryAndSucceedsWhenSomethingWasImported() throws Exception {
        Path file = corpus();
        CliRunner.Result r = cli.run("--db", db().toString(), "import", "--collection", "films", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err().lines()).containsExactly(
                file + ":3: bad JSON at column 45: Unexpected end-of-input: expected close marker for Object",
                file + ":4: duplicate document id 'avatar' (also at an earlier line of this file)");
        assertThat(r.out().lines()).containsExactly(
                file + ": 2 documents imported, 2 skipped (1 bad JSON, 1 duplicate id)",
                "collection 'films': 2 documents; BM25 index updated with 2 documents");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void dbMayComeBeforeOrAfterTheCommandName() throws Exception {
        cli.run("import", "--collection", "films", corpus().toString(), "--db", db().toString());
        CliRunner.Result r = cli.run("list", "collections", "--db", db().toString());
        assertThat(r.out()).contains("films").containsPattern("films\\s+2\\s+2\\s+0\\s+0\\s+0");
        CliRunner.Result before = cli.run("--db", db().toString(), "topics", "import",
                write(dir.resolve("q.jsonl"), "{\"_id\": \"q1\", \"text\": \"cameron films\"}\n").toString());
        assertThat(before.exitCode()).isZero();
        CliRunner.Result nested = cli.run("topics", "import", "--db", db().toString(),
                write(dir.resolve("q2.jsonl"), "{\"_id\": \"q2\", \"text\": \"spielberg\"}\n").toString());
        assertThat(nested.exitCode()).isZero();
        assertThat(cli.run("--db", db().toString(), "list", "topics").out().lines())
                .containsExactly("films\tq1\tcameron films\t[og]", "films\tq2\tspielberg\t[og]");
    }

    @Test
    void exitsNonZeroWhenNothingCouldBeImported() throws Exception {
        Path bad = writeBytes(dir.resolve("bad.jsonl"), new byte[] {'{', (byte) 0xff, '}', '\n'});
        CliRunner.Result r = cli.run("--db", db().toString(), "import", "--collection", "c", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(bad + ":1: invalid UTF-8 at byte 2 of the line")
                .contains("error: nothing could be imported");
    }

    @Test
    void aFatalErrorIsOneLineWithoutAStackTraceUnlessVerbose() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        CliRunner.Result r = cli.run("--db", db().toString(), "import", "--collection", "c", missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo(missing + ": no such file; nothing from this file was stored");
        CliRunner.Result newer = cli.run("--db", dir.resolve("notes.txt").toString(), "list", "collections");
        assertThat(newer.exitCode()).isZero(); // a new file becomes a workspace
        Path notDb = write(dir.resolve("notes.db"), "plain text, not a database ".repeat(40));
        CliRunner.Result refused = cli.run("--db", notDb.toString(), "list", "collections");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("error: " + notDb + " is not a SQLite database");
        CliRunner.Result verbose = cli.run("--db", notDb.toString(), "--verbose", "list", "collections");
        assertThat(verbose.err()).contains("at org.relevanceworkbench");
    }

    @Test
    void strictRollsBackAndFails() throws Exception {
        CliRunner.Result r = cli.run("--db", db().toString(), "import", "--strict", "--collection", "c",
                corpus().toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("and --strict is on; nothing from this file was stored");
        assertThat(cli.run("--db", db().toString(), "list", "collections").out()).containsPattern("c\\s+0\\s+0");
    }

    @Test
    void searchTakesAnyTextAndPrintsRankedHits() throws Exception {
        cli.run("--db", db().toString(), "import", "--collection", "films", corpus().toString());
        CliRunner.Result r = cli.run("--db", db().toString(), "search", "--collection", "films", "--query",
                "\"directed\" AND (Cameron:", "--k", "1000");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().findFirst()).get().asString().matches("\\s+1\\s+avatar\\s+\\d+\\.\\d{6}\\s+Avatar");
        assertThat(r.out()).contains("[directed] by James [Cameron]").contains("jaws");
        assertThat(r.err()).contains("note: left out and");
        CliRunner.Result trec = cli.run("--db", db().toString(), "search", "--collection", "films", "-q", "film",
                "--output", "trec", "--topic-id", "7");
        assertThat(trec.out().lines()).hasSize(2).allMatch(l -> l.matches("7 Q0 (avatar|jaws) [12] -?\\d+\\.\\d{6} bm25"));
        CliRunner.Result empty = cli.run("--db", db().toString(), "search", "--collection", "films", "-q", "");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).contains("no matches");
    }

    @Test
    void noWaitLeavesTheIndexToIndexOrSearch() throws Exception {
        CliRunner.Result r = cli.run("--db", db().toString(), "import", "--no-wait", "--collection", "films",
                corpus().toString());
        assertThat(r.out()).contains("not built yet (--no-wait)");
        assertThat(cli.run("--db", db().toString(), "list", "collections").out()).containsPattern("films\\s+2\\s+0");
        CliRunner.Result search = cli.run("--db", db().toString(), "search", "--collection", "films", "-q", "jaws");
        assertThat(search.err()).contains("note: finishing the BM25 index of 'films' first");
        assertThat(search.out()).contains("jaws");
        assertThat(cli.run("--db", db().toString(), "index").out()).contains("films': 0 documents added");
    }

    @Test
    void exportedDocumentsImportBackUnchanged() throws Exception {
        cli.run("--db", db().toString(), "import", "--collection", "films", corpus().toString());
        Path out = dir.resolve("export/corpus.jsonl");
        CliRunner.Result r = cli.run("--db", db().toString(), "export", "documents", "--collection", "films",
                "--format", "jsonl", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        List<String> lines = Files.readAllLines(out);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(1))).isEqualTo(json.readTree(
                "{\"_id\": \"jaws\", \"title\": \"Jaws\", \"text\": \"A 1975 film directed by Steven Spielberg.\", \"year\": 1975}"));
        cli.run("--db", db().toString(), "import", "--collection", "again", out.toString());
        CliRunner.Result again = cli.run("--db", db().toString(), "export", "documents", "--collection", "again");
        assertThat(again.out().lines()).containsExactlyElementsOf(lines);
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out); // no temporary file left behind
        }
    }

    @Test
    void runsAndQrelsImportThroughTheirCommands() throws Exception {
        cli.run("--db", db().toString(), "import", "--collection", "films", corpus().toString());
        Path run = write(dir.resolve("bm25.run"), "1 Q0 avatar 1 9.5 my-bm25\n1 Q0 jaws 2 3.25 my-bm25\n");
        assertThat(cli.run("--db", db().toString(), "runs", "import", run.toString()).out())
                .contains("2 run lines imported");
        assertThat(cli.run("--db", db().toString(), "list", "runs").out()).contains("films\tmy-bm25\timported\t1 topics\t2 scores");
        Path qrels = write(dir.resolve("qrels_changed.tsv"), "query-id\tcorpus-id\tscore\n1\tavatar\t1\n");
        CliRunner.Result q = cli.run("--db", db().toString(), "qrels", "import", "--collection", "films", qrels.toString());
        assertThat(q.exitCode()).isZero();
        assertThat(q.out()).contains("1 qrels imported");
    }

    @Test
    void unknownFormatsAndCollectionsAreUserErrors() throws Exception {
        CliRunner.Result r = cli.run("--db", db().toString(), "import", "--collection", "c", "--format", "xml",
                corpus().toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo(
                "error: unknown documents format 'xml' (known: beir-jsonl, tsv, csv, trec-sgml, txt-folder)");
        CliRunner.Result search = cli.run("--db", db().toString(), "search", "--collection", "nope", "-q", "x");
        assertThat(search.err().strip()).isEqualTo("error: no collection named 'nope' (the workspace has none yet)");
        assertThat(cli.run("--db", db().toString(), "frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"import"}, {"topics", "import"}, {"qrels", "import"}, {"runs", "import"},
            {"search"}, {"list"}, {"export", "documents"}, {"index"}, {"samples"}, {"bench"}, {"attribute"},
            {"bench", "attribute"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            CliRunner.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(r.out()).as(String.join(" ", command)).startsWith("Usage: relevance-workbench " + String.join(" ", command));
        }
        assertThat(cli.guiOpenedOn).isEmpty();
    }

    @Test
    void noCommandOpensTheWindowOnTheWorkspace() {
        assertThat(cli.run("--db", db().toString()).exitCode()).isZero();
        assertThat(cli.guiOpenedOn).containsExactly(db());
        assertThat(cli.guiDemo).containsExactly(false);
    }

    @Test
    void demoOpensTheWindowOnTheTeachingDemoAndTheLastWorkspace() {
        assertThat(cli.run("--demo").exitCode()).isZero();
        assertThat(cli.guiOpenedOn).containsExactly((Path) null);
        assertThat(cli.guiDemo).containsExactly(true);
    }
}
