package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecXmlTopicsReaderTest {
    @TempDir
    Path dir;

    private static final String WEB_TRACK = """
            <?xml version="1.0"?>
            <topics>
              <topic number="1" type="faceted">
                <query>obama family tree</query>
                <description>Find information on President Barack Obama's family
                history.</description>
                <subtopic number="1" type="nav">Find the TIME magazine photo essay "Barack Obama's Family Tree".</subtopic>
              </topic>
              <topic>
                <number>51</number>
                <query>cough remedy</query>
                <description>Can honey stop a cough?</description>
                <narrative>Helpful documents
                  name a remedy.</narrative>
              </topic>
            </topics>
            """;

    private CollectingSink<TopicRecord> read(String text) throws Exception {
        return CollectingSink.read(Format.TREC_XML_TOPICS, CollectingSink.write(file(), text));
    }

    private Path file() {
        return dir.resolve("topics.xml");
    }

    private String at(int line) {
        return file() + ":" + line + ": ";
    }

    @Test
    void readsAttributeAndElementIds() throws Exception {
        CollectingSink<TopicRecord> sink = read(WEB_TRACK);

        assertThat(sink.problems).isEmpty();
        String file = file().toString();
        assertThat(sink.records).containsExactly(
                new TopicRecord(new Location(file, 3), "1", "obama family tree",
                        "Find information on President Barack Obama's family history.", null, List.of()),
                new TopicRecord(new Location(file, 9), "51", "cough remedy", "Can honey stop a cough?",
                        "Helpful documents name a remedy.",
                        List.of(new VariantText("og", "Helpful documents name a remedy."))));
    }

    @Test
    void acceptsEveryIdSpellingAndFieldAlias() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <topics>
                <topic number='2'><query>single quotes</query></topic>
                <topic id="3" number = "4"><query>number wins</query></topic>
                <TOPIC ID="5"><title>title as query</title><desc>short desc</desc><narr>short narr</narr></TOPIC>
                <topic><num> 6 </num><query>num element</query></topic>
                <topic><id>7</id><query>id element</query></topic>
                <topic><qid>8</qid><title>ignored title</title><query>query wins</query></topic>
                <topic number=9><query>unquoted</query></topic>
                </topics>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::query, TopicRecord::description,
                TopicRecord::narrative)
                .containsExactly(
                        tuple("2", "single quotes", null, null),
                        tuple("4", "number wins", null, null),
                        tuple("5", "title as query", "short desc", "short narr"),
                        tuple("6", "num element", null, null),
                        tuple("7", "id element", null, null),
                        tuple("8", "query wins", null, null),
                        tuple("9", "unquoted", null, null));
    }

    @Test
    void decodesCdataAndEntities() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <topics>
                  <topic number="10">
                    <query><![CDATA[AT&T <merger> & "bells"]]></query>
                    <description>R&amp;D &lt;costs&gt; &#8364;5 &unknown;</description>
                    <narrative><![CDATA[Spans
                      two lines &amp; keeps entities]]> plus text</narrative>
                  </topic>
                </topics>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::query, TopicRecord::description, TopicRecord::narrative)
                .containsExactly(tuple("AT&T <merger> & \"bells\"", "R&D <costs> €5 &unknown;",
                        "Spans two lines &amp; keeps entities plus text"));
    }

    @Test
    void readsOneLineTopicsTagsSpanningLinesAndComments() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <topics><!-- TREC 2020
                   topics --><topic number="11"><query>a</query></topic><topic
                   number="12"
                   type="single"><query>b</query></topic></topics>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::query, r -> r.at().line())
                .containsExactly(tuple("11", "a", 2L), tuple("12", "b", 2L));
    }

    @Test
    void readsGzippedCrlfFileWithByteOrderMark() throws Exception {
        Path file = CollectingSink.writeGzip(dir.resolve("topics.xml.gz"), "\uFEFF" + WEB_TRACK.replace("\n", "\r\n"));

        CollectingSink<TopicRecord> sink = CollectingSink.read(Format.TREC_XML_TOPICS, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::narrative)
                .containsExactly(tuple("1", null), tuple("51", "Helpful documents name a remedy."));
    }

    @Test
    void reportsMissingAndBadIdsAndMissingQueries() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <topics>
                <topic><query>no id</query></topic>
                <topic number="13"><description>no query</description></topic>
                <topic number="14"><query>  </query><title></title></topic>
                <topic number="1 5"><query>spaced id</query></topic>
                <topic number=""><query>empty id</query></topic>
                <topic number="16"><query>fine</query></topic>
                </topics>
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(2) + "topic without an id (no number= attribute or <number> element)",
                at(3) + "topic 13 has no <query>",
                at(4) + "topic 14 has no <query>",
                at(5) + "topic id '1 5' contains whitespace or a control character",
                at(6) + "empty topic id");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.MISSING_FIELD,
                ProblemKind.MISSING_FIELD, ProblemKind.MISSING_FIELD, ProblemKind.BAD_VALUE, ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(TopicRecord::topicId).containsExactly("16");
    }

    @Test
    void reportsUnterminatedTopicAndReadsTheNextOne() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <topics>
                  <topic number="17">
                    <query>never closed</query>
                  <topic number="18">
                    <query>good one</query>
                  </topic>
                  <topic number="19">
                    <query>cut off
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(2) + "unterminated <topic> (no </topic> before line 4)",
                at(7) + "unterminated <topic> (no </topic> before the end of the file)");
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(ProblemKind.UNTERMINATED);
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::query)
                .containsExactly(tuple("18", "good one"));
    }

    @Test
    void reportsTextOutsideTopics() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <topics>
                <topc number="20"><query>misspelled</query></topc>
                <topic number="21"><query>fine</query></topic>
                </topics>
                """);

        assertThat(sink.problemLines()).containsExactly(at(2) + "text outside any <topic> element");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(TopicRecord::topicId).containsExactly("21");
    }

    @Test
    void skipsTopicWithInvalidUtf8() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("<topics>\n<topic number=\"22\"><query>ok</query></topic>\n<topic number=\"23\">\n<query>"
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, '<', '/', 'q', 'u', 'e', 'r', 'y', '>', '\n'});
        bytes.writeBytes("</topic>\n<topic number=\"24\"><query>also ok</query></topic>\n</topics>\n"
                .getBytes(StandardCharsets.UTF_8));
        Path file = CollectingSink.writeBytes(file(), bytes.toByteArray());

        CollectingSink<TopicRecord> sink = CollectingSink.read(Format.TREC_XML_TOPICS, file);

        assertThat(sink.problemLines()).containsExactly(at(4) + "invalid UTF-8 at byte 11 of the line (topic skipped)");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.INVALID_UTF8);
        assertThat(sink.records).extracting(TopicRecord::topicId).containsExactly("22", "24");
    }
}
