package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;
import static org.relevanceworkbench.formats.CollectingSink.writeBytes;
import static org.relevanceworkbench.formats.CollectingSink.writeGzip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.formats.ProblemKind;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;

class DocumentImportTest {
    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = new Workspace(dir.resolve("ws.db"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private static String corpusLines(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append("{\"_id\": \"d").append(i).append("\", \"title\": \"T").append(i)
                    .append("\", \"text\": \"text number ").append(i).append("\"}\n");
        }
        return out.toString();
    }

    @Test
    void keepsValidRecordsAndReportsEachBadOneWithFileAndLine() throws Exception {
        Path file = write(dir.resolve("corpus.jsonl"), String.join("\n",
                "{\"_id\": \"d1\", \"title\": \"One\", \"text\": \"first\"}",
                "{\"_id\": \"d2\", \"text\": \"second\"",
                "{\"title\": \"no id\", \"text\": \"x\"}",
                "{\"_id\": \"d3\", \"title\": \"Three\"}",
                "{\"_id\": \"d1\", \"text\": \"again\"}",
                "[1, 2]",
                "",
                "{\"_id\": \"d4\", \"text\": \"fourth\", \"url\": \"http://x\"}") + "\n");
        ImportResult result = ws.documents("c", file);
        FileReport report = result.files().get(0);
        assertThat(report.ok()).isTrue();
        assertThat(report.format()).isEqualTo(Format.BEIR_JSONL);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(5);
        assertThat(report.problems()).extracting(Object::toString).containsExactly(
                file + ":2: bad JSON at column 31: Unexpected end-of-input: expected close marker for Object",
                file + ":3: missing document id (_id)",
                file + ":4: missing text of document 'd3'",
                file + ":5: duplicate document id 'd1' (also at an earlier line of this file)",
                file + ":6: bad JSON: expected an object, found array");
        assertThat(report.skippedByKind()).containsEntry(ProblemKind.BAD_JSON, 2L)
                .containsEntry(ProblemKind.MISSING_FIELD, 2L).containsEntry(ProblemKind.DUPLICATE, 1L);
        assertThat(report.summary("documents")).isEqualTo(file + ": 2 documents imported, 5 skipped "
                + "(2 bad JSON, 2 missing field, 1 duplicate id)");
        Collection c = ws.collection("c");
        Optional<Document> d4 = ws.db.read(conn -> new DocumentDao(conn).find(c.id(), "d4"));
        assertThat(d4).get().extracting(Document::fieldsJson).isEqualTo("{\"url\":\"http://x\"}");
    }

    @Test
    void aDocumentAlreadyInTheCollectionIsADuplicateAndTheStoredOneIsKept() throws Exception {
        ws.documents("c", write(dir.resolve("a.jsonl"), corpusLines(0, 3)));
        Path second = write(dir.resolve("b.jsonl"), "{\"_id\": \"d1\", \"text\": \"replacement\"}\n"
                + "{\"_id\": \"d9\", \"text\": \"new\"}\n");
        FileReport report = ws.documents("c", second).files().get(0);
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.problems()).extracting(Object::toString)
                .containsExactly(second + ":1: duplicate document id 'd1' (already in collection 'c')");
        Collection c = ws.collection("c");
        Optional<Document> d1 = ws.db.read(conn -> new DocumentDao(conn).find(c.id(), "d1"));
        assertThat(d1).get().extracting(Document::text).isEqualTo("text number 1");
    }

    @Test
    void invalidUtf8SpoilsOnlyItsOwnLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("{\"_id\": \"ok1\", \"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"_id\": \"bad\", \"text\": \"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xE9, (byte) 0x22, '}', '\n'}); // Latin-1 é: not UTF-8
        bytes.write("{\"_id\": \"ok2\", \"text\": \"\u65e5\u672c\"}\n".getBytes(StandardCharsets.UTF_8));
        Path file = writeBytes(dir.resolve("mixed.jsonl"), bytes.toByteArray());
        FileReport report = ws.documents("c", file).files().get(0);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.problems()).extracting(Object::toString)
                .containsExactly(file + ":2: invalid UTF-8 at byte 28 of the line");
        Collection c = ws.collection("c");
        Optional<Document> ok2 = ws.db.read(conn -> new DocumentDao(conn).find(c.id(), "ok2"));
        assertThat(ok2).get().extracting(Document::text).isEqualTo("\u65e5\u672c");
    }

    @Test
    void readsGzipWhateverTheNameSays() throws Exception {
        Path file = writeGzip(dir.resolve("corpus.jsonl"), corpusLines(0, 5));
        assertThat(ws.documents("c", file).imported()).isEqualTo(5);
        Path named = writeGzip(dir.resolve("corpus.jsonl.gz"), corpusLines(5, 8));
        assertThat(ws.documents("c", named).imported()).isEqualTo(3);
    }

    @Test
    void aTruncatedGzipRollsBackThatFileOnlyAndSaysSoInOneLine() throws Exception {
        Path good = write(dir.resolve("good.jsonl"), corpusLines(0, 10));
        Path gz = writeGzip(dir.resolve("big.jsonl.gz"), corpusLines(100, 5000));
        byte[] whole = Files.readAllBytes(gz);
        Path truncated = writeBytes(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(whole, whole.length / 2));
        ImportResult result = ws.documents("c", good, truncated);
        assertThat(result.files().get(0).imported()).isEqualTo(10);
        FileReport cut = result.files().get(1);
        assertThat(cut.ok()).isFalse();
        assertThat(cut.imported()).isZero();
        assertThat(cut.fatal()).isEqualTo(truncated + ": the file ends unexpectedly (truncated gzip?); "
                + "nothing from this file was stored");
        assertThat(ws.documentCount("c")).isEqualTo(10);
        assertThat(result.failed()).isTrue();
    }

    @Test
    void aMissingFileIsFatalForItselfAndTheOthersStillImport() throws Exception {
        Path missing = dir.resolve("nope.jsonl");
        Path good = write(dir.resolve("good.jsonl"), corpusLines(0, 2));
        ImportResult result = ws.documents("c", missing, good);
        assertThat(result.files().get(0).fatal()).isEqualTo(missing + ": no such file; nothing from this file was stored");
        assertThat(result.files().get(1).imported()).isEqualTo(2);
    }

    @Test
    void strictModeRollsTheWholeFileBackAtTheFirstBadRecord() throws Exception {
        Path file = write(dir.resolve("corpus.jsonl"), corpusLines(0, 50) + "{broken\n" + corpusLines(50, 60));
        FileReport report = ws.documents("c", ImportOptions.defaults().withStrict(true), file).files().get(0);
        assertThat(report.ok()).isFalse();
        assertThat(report.fatal()).startsWith(file + ": bad record at line 51 (bad JSON at column 2: ")
                .endsWith(") and --strict is on; nothing from this file was stored");
        assertThat(ws.documentCount("c")).isZero();
    }

    @Test
    void cancellingMidFileStoresNothingFromThatFileAndStopsTheRest() throws Exception {
        Path first = write(dir.resolve("first.jsonl"), corpusLines(0, 20));
        Path second = write(dir.resolve("second.jsonl"), corpusLines(20, 2000));
        Path third = write(dir.resolve("third.jsonl"), corpusLines(2000, 2010));
        CancellationToken cancel = new Workspace.CancelAfter(20 + 1000);
        ImportResult result = ws.imports.importDocuments("c", Workspace.sources(first, second, third),
                ImportOptions.defaults(), ImportListener.NONE, cancel);
        assertThat(result.files()).hasSize(2);
        assertThat(result.files().get(0).imported()).isEqualTo(20);
        assertThat(result.files().get(1).fatal()).isEqualTo(second + ": import cancelled; nothing from this file was stored");
        assertThat(ws.documentCount("c")).isEqualTo(20);
    }

    @Test
    void aFullDiskRollsTheFileBackAndKeepsWhatWasStoredBefore() throws Exception {
        ws.documents("c", write(dir.resolve("before.jsonl"), corpusLines(0, 100)));
        ws.db.write(c -> {
            long pages;
            try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA page_count")) {
                pages = rs.getLong(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA max_page_count = " + (pages + 20)); // this connection: the disk is 80 KB from full
            }
            return null;
        });
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            big.append("{\"_id\": \"big").append(i).append("\", \"text\": \"").append("lorem ipsum ".repeat(100))
                    .append("\"}\n");
        }
        Path file = write(dir.resolve("big.jsonl"), big.toString());
        FileReport report = ws.documents("c", file).files().get(0);
        assertThat(report.fatal()).isEqualTo(file + ": the disk is full (or the database reached its size limit); "
                + "nothing from this file was stored");
        assertThat(ws.documentCount("c")).isEqualTo(100);
    }

    @Test
    void aFolderWithCorpusJsonlImportsThatFile() throws Exception {
        Path beir = dir.resolve("scifact");
        write(beir.resolve("corpus.jsonl"), corpusLines(0, 4));
        write(beir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"not documents\"}\n");
        FileReport report = ws.documents("c", beir).files().get(0);
        assertThat(report.format()).isEqualTo(Format.BEIR_JSONL);
        assertThat(report.imported()).isEqualTo(4);
    }

    @Test
    void anUndetectableFormatAsksForFormat() throws Exception {
        Path file = write(dir.resolve("mystery.dat"), "just words\nno separators here\n");
        FileReport report = ws.documents("c", file).files().get(0);
        assertThat(report.fatal()).isEqualTo(file + ": cannot tell the documents format of " + file
                + " from its content; name it with --format (beir-jsonl, tsv, csv, trec-sgml, txt-folder); "
                + "nothing from this file was stored");
    }

    @Test
    void theIndexFollowsInChunksAndResumesAfterACancel() throws Exception {
        ws.documents("c", write(dir.resolve("corpus.jsonl"), corpusLines(0, 250)));
        Collection c = ws.collection("c");
        FtsIndexer small = new FtsIndexer(ws.db, 100);
        assertThat(small.isComplete(c)).isFalse();
        List<Long> seen = new java.util.ArrayList<>();
        CancellationToken cancelAfterFirstChunk = new Workspace.CancelAfter(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.indexPending(c,
                (name, indexed, total) -> seen.add(indexed), cancelAfterFirstChunk))
                .isInstanceOf(org.relevanceworkbench.common.CancelledException.class);
        assertThat(seen).containsExactly(0L, 100L);
        SearchResult partial = new Bm25Search(ws.db).search("c", "number", 1000, false);
        assertThat(partial.hits()).hasSize(100);
        assertThat(partial.indexedDocuments()).isEqualTo(100);
        assertThat(partial.indexComplete()).isFalse();
        assertThat(small.indexPending(c, FtsIndexer.Listener.NONE, new CancellationToken())).isEqualTo(150);
        assertThat(new Bm25Search(ws.db).search("c", "number", 1000, false).hits()).hasSize(250);
        assertThat(small.isComplete(c)).isTrue();
        assertThat(small.indexPending(c, FtsIndexer.Listener.NONE, new CancellationToken())).isZero();
    }
}
