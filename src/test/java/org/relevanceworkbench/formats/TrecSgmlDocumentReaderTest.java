package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecSgmlDocumentReaderTest {
    @TempDir
    Path dir;

    private static final String FT = """
            <DOC>
            <DOCNO> FT911-1 </DOCNO>
            <PROFILE>_AN-BEOA7AAIFT</PROFILE>
            <DATE>910514
            </DATE>
            <HEADLINE>
            FT  14 MAY 91 / International Company News:
            Contigas plans
            </HEADLINE>
            <BYLINE>
            By DAVID GOODHART
            </BYLINE>
            <TEXT>
            CONTIGAS, the German gas group 81 per cent owned by the utility Bayernwerk,
            said yesterday that it intends to invest DM900m.

            The company said that it expects
            to spend DM300m a year.
            </TEXT>
            <PUB>The Financial Times
            </PUB>
            <PAGE>
            International Page 23
            </PAGE>
            </DOC>
            """;

    private static final String LA_TIMES = """
            <DOC>
            <DOCNO> LA010189-0001 </DOCNO>
            <DOCID> 1 </DOCID>
            <DATE>
            <P>
            January 1, 1989, Sunday, Home Edition
            </P>
            </DATE>
            <SECTION>
            <P>
            Book Review; Page 1; Book Desk
            </P>
            </SECTION>
            <LENGTH>
            <P>
            1206 words
            </P>
            </LENGTH>
            <HEADLINE>
            <P>
            AN EARTHY ALTERNATIVE TO
            </P>
            <P>
            PRAYER
            </P>
            </HEADLINE>
            <BYLINE>
            <P>
            By CHARLES SOLOMON
            </P>
            </BYLINE>
            <TEXT>
            <P>
            Prayer and meditation are ways
            of seeking help.
            </P>
            <P>
            The second paragraph.
            </P>
            </TEXT>
            </DOC>
            """;

    private CollectingSink<DocumentRecord> read(String text) throws Exception {
        return CollectingSink.read(Format.TREC_SGML, CollectingSink.write(file(), text));
    }

    private Path file() {
        return dir.resolve("docs.sgml");
    }

    private String at(int line) {
        return file() + ":" + line + ": ";
    }

    @Test
    void readsFinancialTimesDocumentWithFieldsAndParagraphs() throws Exception {
        CollectingSink<DocumentRecord> sink = read(FT);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).hasSize(1);
        DocumentRecord doc = sink.records.get(0);
        assertThat(doc.at()).isEqualTo(new Location(file().toString(), 1));
        assertThat(doc.docId()).isEqualTo("FT911-1");
        assertThat(doc.title()).isEqualTo("FT 14 MAY 91 / International Company News: Contigas plans");
        assertThat(doc.text()).isEqualTo("CONTIGAS, the German gas group 81 per cent owned by the utility Bayernwerk, "
                + "said yesterday that it intends to invest DM900m.\n\n"
                + "The company said that it expects to spend DM300m a year.");
        assertThat(doc.fieldsJson()).isEqualTo("{\"PROFILE\":\"_AN-BEOA7AAIFT\",\"DATE\":\"910514\","
                + "\"BYLINE\":\"By DAVID GOODHART\",\"PUB\":\"The Financial Times\",\"PAGE\":\"International Page 23\"}");
    }

    @Test
    void readsLaTimesParagraphTagsAndFlattensTitleAndFields() throws Exception {
        CollectingSink<DocumentRecord> sink = read(LA_TIMES + FT);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("LA010189-0001", "FT911-1");
        DocumentRecord doc = sink.records.get(0);
        assertThat(doc.title()).isEqualTo("AN EARTHY ALTERNATIVE TO PRAYER");
        assertThat(doc.text()).isEqualTo("Prayer and meditation are ways of seeking help.\n\nThe second paragraph.");
        assertThat(doc.fieldsJson()).isEqualTo("{\"DOCID\":\"1\",\"DATE\":\"January 1, 1989, Sunday, Home Edition\","
                + "\"SECTION\":\"Book Review; Page 1; Book Desk\",\"LENGTH\":\"1206 words\","
                + "\"BYLINE\":\"By CHARLES SOLOMON\"}");
        assertThat(sink.records.get(1).at().line()).isEqualTo(LA_TIMES.lines().count() + 1);
    }

    @Test
    void readsDocumentsWrittenOnOneLineEachInAnyCase() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>FT911-1</DOCNO><TEXT>x</TEXT></DOC>
                <doc><docno>FT911-2</docno><text>  y   z </text></doc><Doc><DocNo>FT911-3</DocNo></Doc>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text, DocumentRecord::title,
                DocumentRecord::fieldsJson, r -> r.at().line())
                .containsExactly(
                        tuple("FT911-1", "x", null, null, 1L),
                        tuple("FT911-2", "y z", null, null, 2L),
                        tuple("FT911-3", "", null, null, 2L));
    }

    @Test
    void takesTheFirstHeadlineElementOfAnyKnownNameAsTitle() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>WSJ870324-0001</DOCNO><HL> John Blair Is Near
                Accord </HL><TEXT>t</TEXT></DOC>
                <DOC><DOCNO>ZF109-1</DOCNO><TITLE>Ziff title</TITLE><TEXT>t</TEXT></DOC>
                <DOC><DOCNO>AP880212-0001</DOCNO><HEAD>First head</HEAD><HEAD>Second head</HEAD><TEXT>t</TEXT></DOC>
                <DOC><DOCNO>EMPTY-1</DOCNO><HEADLINE> </HEADLINE><HL>Nonempty</HL><TEXT>t</TEXT></DOC>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::title)
                .containsExactly("John Blair Is Near Accord", "Ziff title", "First head", "Nonempty");
        assertThat(sink.records.get(2).fieldsJson()).isEqualTo("{\"HEAD\":\"Second head\"}");
        assertThat(sink.records.get(3).fieldsJson()).isNull();
    }

    @Test
    void joinsTextElementsAsParagraphsAndStripsInnerTags() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC>
                <DOCNO> FBIS3-1 </DOCNO>
                <HEADER>
                <H2>  March Highlights </H2>
                <DATE1>  1 March 1994 </DATE1>
                </HEADER>
                <TEXT>
                Article Type:BFN
                <F P=102> Moscow NEZAVISIMAYA GAZETA </F>
                first paragraph.
                </TEXT>
                <TEXT>second<!-- a comment -->element</TEXT>
                </DOC>
                """);

        assertThat(sink.problems).isEmpty();
        DocumentRecord doc = sink.records.get(0);
        assertThat(doc.text()).isEqualTo("Article Type:BFN Moscow NEZAVISIMAYA GAZETA first paragraph.\n\n"
                + "second element");
        assertThat(doc.fieldsJson()).isEqualTo("{\"HEADER\":\"March Highlights 1 March 1994\"}");
    }

    @Test
    void withoutTextElementTakesAllContentButIdsAndTitle() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC>
                <DOCNO>CR93H-1</DOCNO>
                <DOCID>cr-1</DOCID>
                <HEAD>Speech</HEAD>
                Mr. President, I rise
                today.

                <DATE>May 1993</DATE>
                Loose closing words.
                </DOC>
                """);

        assertThat(sink.problems).isEmpty();
        DocumentRecord doc = sink.records.get(0);
        assertThat(doc.title()).isEqualTo("Speech");
        assertThat(doc.text()).isEqualTo("Mr. President, I rise today.\n\nMay 1993\n\nLoose closing words.");
        assertThat(doc.fieldsJson()).isEqualTo("{\"DOCID\":\"cr-1\",\"DATE\":\"May 1993\"}");
    }

    @Test
    void decodesEntitiesAndLeavesUnknownOnesAsWritten() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>FR940104-0-00001</DOCNO><HEADLINE>AT&amp;T &lt;Q&gt;</HEADLINE>
                <TEXT>&sect;&blank;12&hyphen;3 &para; &ldquo;a&rdquo; &lsquo;b&rsquo; 5&times;2&deg; 9&cent; x&mdash;y&ndash;z
                &quot;q&quot; &apos;s&apos; &#65;&#x42;&#X43; &nbsp; &unknown; & alone &#xZZ; &#0;</TEXT></DOC>
                """);

        assertThat(sink.problems).isEmpty();
        DocumentRecord doc = sink.records.get(0);
        assertThat(doc.title()).isEqualTo("AT&T <Q>");
        assertThat(doc.text()).isEqualTo("§ 12-3 ¶ “a” ‘b’ 5×2° 9¢ x—y–z \"q\" 's' ABC &unknown; & alone &#xZZ; &#0;");
    }

    @Test
    void keepsLiteralAngleBracketsThatAreNotTags() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>D1</DOCNO><TEXT>if 3 < 4 and x <= y, then <<done>>
                a <b
                </TEXT></DOC>
                <DOC><DOCNO>D2</DOCNO><TEXT>next</TEXT></DOC>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D2");
        assertThat(sink.records.get(0).text()).isEqualTo("if 3 < 4 and x <= y, then < > a <b");
    }

    @Test
    void readsTagsSpanningLines() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC
                ><DOCNO>D1</DOCNO><TEXT>one <F
                P=102>two</F> three</TEXT></DOC>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text)
                .containsExactly(tuple("D1", "one two three"));
    }

    @Test
    void takesAnUnclosedCommentAsTextInsteadOfLosingTheDocumentsAfterIt() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>D1</DOCNO><TEXT>a <!-- never closed</TEXT></DOC>
                <DOC><DOCNO>D2</DOCNO><TEXT>b</TEXT></DOC>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text)
                .containsExactly(tuple("D1", "a <!-- never closed"),
                        tuple("D2", "b"));
    }

    @Test
    void givesUpOnMarkupLongerThanItsCapAndReadsOnFromThere() throws Exception {
        String longLine = "x".repeat(1000) + "\n";
        CollectingSink<DocumentRecord> sink = read("<DOC><DOCNO>D1</DOCNO><TEXT>a <!-- open\n"
                + longLine.repeat(MarkupScanner.MAX_MARKUP_CHARS / longLine.length() + 2)
                + "</TEXT></DOC>\n<DOC><DOCNO>D2</DOCNO><TEXT>b --></TEXT></DOC>\n");

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D2");
        assertThat(sink.records.get(0).text()).startsWith("a <!-- open xxx").endsWith("xxx");
        assertThat(sink.records.get(1).text()).isEqualTo("b -->");
    }

    @Test
    void readsGzippedFiles() throws Exception {
        Path file = CollectingSink.writeGzip(dir.resolve("fr940104.0z"), FT + LA_TIMES);

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TREC_SGML, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("FT911-1", "LA010189-0001");
    }

    @Test
    void readsCrlfLineEndingsAndByteOrderMark() throws Exception {
        CollectingSink<DocumentRecord> sink = read("\uFEFF" + FT.replace("\n", "\r\n"));

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).hasSize(1);
        DocumentRecord doc = sink.records.get(0);
        assertThat(doc.docId()).isEqualTo("FT911-1");
        assertThat(doc.text()).doesNotContain("\r").endsWith("expects to spend DM300m a year.")
                .contains("DM900m.\n\nThe company");
    }

    @Test
    void reportsUnterminatedDocumentInTheMiddleAndKeepsTheNext() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>D1</DOCNO><TEXT>one</TEXT></DOC>
                <DOC>
                <DOCNO>D2</DOCNO>
                <TEXT>lost</TEXT>
                <DOC>
                <DOCNO>D3</DOCNO>
                </DOC>
                """);

        assertThat(sink.problemLines()).containsExactly(at(2) + "unterminated <DOC> (no </DOC> before line 5)");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.UNTERMINATED);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D3");
        assertThat(sink.records.get(1).at().line()).isEqualTo(5);
    }

    @Test
    void reportsUnterminatedDocumentAtTheEndOfTheFile() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>D1</DOCNO><TEXT>one</TEXT></DOC>
                <DOC><DOCNO>D2</DOCNO>
                <TEXT>truncated
                """);

        assertThat(sink.problemLines())
                .containsExactly(at(2) + "unterminated <DOC> (no </DOC> before the end of the file)");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.UNTERMINATED);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1");
    }

    @Test
    void reportsMissingAndBadDocumentNumbers() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <DOC><DOCNO>D1</DOCNO></DOC>
                <DOC>
                <TEXT>no number</TEXT>
                </DOC>
                <DOC><DOCNO> FT 911-3 </DOCNO><TEXT>x</TEXT></DOC>
                <DOC><DOCNO></DOCNO></DOC>
                <DOC><DOCNO>D5</DOCNO></DOC>
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(2) + "document without <DOCNO>",
                at(5) + "document id 'FT 911-3' contains whitespace or a control character",
                at(6) + "empty document id");
        assertThat(sink.problems).extracting(Problem::kind)
                .containsExactly(ProblemKind.MISSING_FIELD, ProblemKind.BAD_VALUE, ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D5");
    }

    @Test
    void skipsDocumentWithInvalidUtf8AtTheOffendingLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("<DOC><DOCNO>D1</DOCNO><TEXT>caf\u00e9</TEXT></DOC>\n<DOC>\n<DOCNO>D2</DOCNO>\n<TEXT>caf"
                .getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 é
        bytes.writeBytes("\nmore\n</TEXT>\n</DOC>\n<DOC><DOCNO>D3</DOCNO></DOC>\n".getBytes(StandardCharsets.UTF_8));
        Path file = CollectingSink.writeBytes(file(), bytes.toByteArray());

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TREC_SGML, file);

        assertThat(sink.problemLines())
                .containsExactly(at(4) + "invalid UTF-8 at byte 10 of the line (document skipped)");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.INVALID_UTF8);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D3");
        assertThat(sink.records.get(0).text()).isEqualTo("café");
    }

    @Test
    void skipsLineWithInvalidUtf8BetweenDocuments() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("<DOC><DOCNO>D1</DOCNO></DOC>\n<DOC><DOCNO>D2</DOCNO><TEXT>".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes("</TEXT></DOC>\n<DOC><DOCNO>D3</DOCNO></DOC>\n".getBytes(StandardCharsets.UTF_8));
        Path file = CollectingSink.writeBytes(file(), bytes.toByteArray());

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TREC_SGML, file);

        assertThat(sink.problemLines()).containsExactly(at(2) + "invalid UTF-8 at byte 29 of the line (line skipped)");
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D3");
    }

    @Test
    void reportsStrayTextOncePerStretchAndStrayEndTags() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                junk before
                more junk
                <DOC><DOCNO>D1</DOCNO></DOC>

                   </DOC>
                trailing junk
                <DOC><DOCNO>D2</DOCNO></DOC> tail
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(1) + "text outside any <DOC> element",
                at(5) + "</DOC> without a matching <DOC>",
                at(7) + "text outside any <DOC> element");
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D2");
    }

    @Test
    void ignoresWrappersAndDeclarationsOutsideDocuments() throws Exception {
        CollectingSink<DocumentRecord> sink = read("""
                <!DOCTYPE trec>
                <!-- disk 4 -->
                <FILE>
                <DOC><DOCNO>D1</DOCNO></DOC>
                </FILE>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1");
    }

    @Test
    void skipsDocumentLargerThanTheCap() throws Exception {
        Path file = CollectingSink.write(file(), """
                <DOC><DOCNO>D1</DOCNO><TEXT>short</TEXT></DOC>
                <DOC><DOCNO>D2</DOCNO>
                <TEXT>%s</TEXT>
                </DOC>
                <DOC><DOCNO>D3</DOCNO><TEXT>short</TEXT></DOC>
                """.formatted("word ".repeat(100)));
        CollectingSink<DocumentRecord> sink = new CollectingSink<>();

        new TrecSgmlDocumentReader(200).read(SourceFile.of(file), sink);

        assertThat(sink.problemLines()).containsExactly(at(2) + "document longer than 200 characters (document skipped)");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.TOO_LONG);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("D1", "D3");
    }

    @Test
    void describesTheRealCapInMebibytes() {
        assertThat(TaggedRecords.describeSize(LineReader.MAX_LINE_BYTES)).isEqualTo("64 MiB");
    }
}
