package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedDocumentReaderTest {
    @TempDir
    Path dir;

    @Test
    void tsvWithoutHeaderTakesIdTextAndOptionalTitle() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"),
                "d1\tfirst text\nd2\t  second text  \t A Title \nd3\tthird\t\nd4\t\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records)
                .extracting(DocumentRecord::docId, DocumentRecord::text, DocumentRecord::title,
                        DocumentRecord::fieldsJson, r -> r.at().line())
                .containsExactly(
                        tuple("d1", "first text", null, null, 1L),
                        tuple("d2", "second text", "A Title", null, 2L),
                        tuple("d3", "third", null, null, 3L),
                        tuple("d4", "", null, null, 4L));
        assertThat(sink.records.get(0).at().file()).isEqualTo(file.toString());
    }

    @Test
    void firstLineOfDataIsNotTakenForAHeader() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"), "1\tsome text\n2\tmore text\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("1", "2");
    }

    @Test
    void tsvHeaderMapsColumnsByNameAndKeepsOtherColumnsAsFields() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"),
                " DocID \tTitle\tlang\tTEXT\turl\t\n"
                        + "D1\tFirst\ten\tbody one\thttp://x/1\tignored\n"
                        + "D2\t\t\tbody two\t\t\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records)
                .extracting(DocumentRecord::docId, DocumentRecord::title, DocumentRecord::text,
                        DocumentRecord::fieldsJson, r -> r.at().line())
                .containsExactly(
                        tuple("D1", "First", "body one", "{\"lang\":\"en\",\"url\":\"http://x/1\"}", 2L),
                        tuple("D2", null, "body two", null, 3L));
    }

    @Test
    void tsvKeepsQuotesLiterallyAsInMsMarco() throws Exception {
        Path file = CollectingSink.write(dir.resolve("collection.tsv"),
                "0\tThe \"Manhattan Project\" was a \"success\n1\t\"starts, with a quote\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text).containsExactly(
                tuple("0", "The \"Manhattan Project\" was a \"success"),
                tuple("1", "\"starts, with a quote"));
    }

    @Test
    void byteOrderMarkAndCrlfDoNotLeakIntoHeaderOrText() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"), "\uFEFFid\ttext\r\nd1\thello\r\nd2\tworld\r\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text)
                .containsExactly(tuple("d1", "hello"), tuple("d2", "world"));
    }

    @Test
    void readsGzippedInput() throws Exception {
        Path file = CollectingSink.writeGzip(dir.resolve("docs.tsv.gz"), "pid\tpassage\n7\tzipped text\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text, r -> r.at().line())
                .containsExactly(tuple("7", "zipped text", 2L));
    }

    @Test
    void csvUnquotesFieldsWithCommasAndDoubledQuotes() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.csv"),
                "d1,\"Hello, world\",\"Title, with comma\"\n"
                        + "d2,\"She said \"\"hi\"\"\",\n"
                        + "\"d3\",\"\",\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text, DocumentRecord::title)
                .containsExactly(
                        tuple("d1", "Hello, world", "Title, with comma"),
                        tuple("d2", "She said \"hi\"", null),
                        tuple("d3", "", null));
    }

    @Test
    void csvQuotedFieldSpansLinesAndRecordStartsAtItsFirstLine() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.csv"),
                "id,text\nd1,\"line one\nline, two\r\n\nline four\"\nd2,after\n\nd3,\"x\"\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text, r -> r.at().line())
                .containsExactly(
                        tuple("d1", "line one\nline, two\n\nline four", 2L),
                        tuple("d2", "after", 6L),
                        tuple("d3", "x", 8L));
    }

    @Test
    void csvDetectsQuotedHeaderWithExtraColumns() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.csv"),
                "\"_id\",\"title\",\"body\",\"source\"\nA,\"T\",\"text, A\",wiki\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records)
                .extracting(DocumentRecord::docId, DocumentRecord::title, DocumentRecord::text,
                        DocumentRecord::fieldsJson)
                .containsExactly(tuple("A", "T", "text, A", "{\"source\":\"wiki\"}"));
    }

    @Test
    void csvTakesStrayQuotesLiterallyLikePythonCsv() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.csv"), "d1,say \"hi\" now\nd2,\"ab\"c\nd3,plain\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text).containsExactly(
                tuple("d1", "say \"hi\" now"), tuple("d2", "abc"), tuple("d3", "plain"));
    }

    @Test
    void wrongColumnCountsAreReportedAndNeighboursKept() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"), "d1\tok\na\tb\tc\td\te\nd2\tok\nd3\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problemLines()).containsExactly(
                file + ":2: expected 2 or 3 columns (id, text[, title]), found 5",
                file + ":4: expected 2 or 3 columns (id, text[, title]), found 1");
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(ProblemKind.WRONG_COLUMNS);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("d1", "d2");
    }

    @Test
    void rowsMustMatchTheHeaderWidth() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.csv"), "id,text\nd1,ok\nd2,a,b\nd3\nd4,fine\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problemLines()).containsExactly(
                file + ":3: expected 2 columns as in the header, found 3",
                file + ":4: expected 2 columns as in the header, found 1");
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("d1", "d4");
    }

    @Test
    void missingTextColumnIsAProblemAndBlankLinesAreSkippedSilently() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"), "\n   \nd1\n\t\nd2\ttext\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problemLines())
                .containsExactly(file + ":3: expected 2 or 3 columns (id, text[, title]), found 1");
        assertThat(sink.records).extracting(DocumentRecord::docId, r -> r.at().line())
                .containsExactly(tuple("d2", 5L));
    }

    @Test
    void idWithWhitespaceIsABadValue() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"), "doc 1\ttext\n  d2  \ttext\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problemLines())
                .containsExactly(file + ":1: document id 'doc 1' contains whitespace or a control character");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("d2");
    }

    @Test
    void invalidUtf8SpoilsOnlyItsLine() throws Exception {
        Path file = CollectingSink.writeBytes(dir.resolve("docs.tsv"),
                bytes("d1\tok\n", new byte[] {'d', '2', '\t', 'b', 'a', 'd', ' ', (byte) 0xFF, '\n'}, "d3\tfine\n"));

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TSV, file);

        assertThat(sink.problemLines()).containsExactly(file + ":2: invalid UTF-8 at byte 8 of the line");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.INVALID_UTF8);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("d1", "d3");
    }

    @Test
    void invalidUtf8InsideAQuotedFieldDoesNotLoseTrackOfQuoting() throws Exception {
        Path file = CollectingSink.writeBytes(dir.resolve("docs.csv"), bytes(
                "d1,ok\nd2,\"first\n", new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, ',', 'x', '\n'},
                "still quoted\"\nd3,\"fine, too\"\n"));

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problemLines()).containsExactly(file + ":2: invalid UTF-8 at byte 5 of line 3");
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text, r -> r.at().line())
                .containsExactly(tuple("d1", "ok", 1L), tuple("d3", "fine, too", 5L));
    }

    @Test
    void unterminatedQuoteAtEndOfFileIsReportedAtItsRecord() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.csv"), "d1,ok\nd2,text\nd3,\"never closed\nd4,swallowed\n");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.CSV, file);

        assertThat(sink.problemLines()).containsExactly(file + ":3: unterminated quoted field (opened at line 3)");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.UNTERMINATED);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("d1", "d2");
    }

    @Test
    void runawayQuoteIsCutAtTheCapAndReadingResumesOnTheNextLine() throws Exception {
        StringBuilder csv = new StringBuilder("d1,ok\nd2,\"stray quote\n");
        for (int i = 3; i <= 8; i++) {
            csv.append("x").append(i).append(",lost line\n"); // 13 bytes each
        }
        csv.append("d9,back\n");
        Path file = CollectingSink.write(dir.resolve("docs.csv"), csv.toString());
        CollectingSink<DocumentRecord> sink = new CollectingSink<>();

        // The record from line 2 reaches 64 bytes on line 6.
        new DelimitedDocumentReader(',', 64).read(SourceFile.of(file), sink);

        assertThat(sink.problemLines()).containsExactly(file + ":2: record longer than 64 bytes, skipped through "
                + "line 6 (the quoted field opened at line 2 may be unterminated)");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.TOO_LONG);
        assertThat(sink.records).extracting(DocumentRecord::docId, r -> r.at().line())
                .containsExactly(tuple("d1", 1L), tuple("x7", 7L), tuple("x8", 8L), tuple("d9", 9L));
    }

    @Test
    void overlongLineIsSkippedAlone() throws Exception {
        Path file = CollectingSink.write(dir.resolve("docs.tsv"), "d1\tok\nd2\t" + "y".repeat(100) + "\nd3\tok\n");
        CollectingSink<DocumentRecord> sink = new CollectingSink<>();

        new DelimitedDocumentReader('\t', 64).read(SourceFile.of(file), sink);

        assertThat(sink.problemLines()).containsExactly(file + ":2: record longer than 64 bytes");
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("d1", "d3");
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }
}
