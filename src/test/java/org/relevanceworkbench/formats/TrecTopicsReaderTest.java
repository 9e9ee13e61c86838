package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecTopicsReaderTest {
    @TempDir
    Path dir;

    private static final String ROBUST_301 = """
            <top>
            <num> Number: 301
            <title> International Organized Crime

            <desc> Description:
            Identify organizations that participate in international criminal
            activity, the activity, and, if possible, collaborating organizations
            and the countries involved.

            <narr> Narrative:
            A relevant document must as a minimum identify the organization and the
            type of illegal activity (e.g., Columbian cartel exporting cocaine).
            </top>
            """;

    private static final String NARRATIVE_301 = "A relevant document must as a minimum identify the organization and "
            + "the type of illegal activity (e.g., Columbian cartel exporting cocaine).";

    private CollectingSink<TopicRecord> read(String text) throws Exception {
        return CollectingSink.read(Format.TREC_TOPICS, CollectingSink.write(file(), text));
    }

    private Path file() {
        return dir.resolve("topics.301-450");
    }

    private String at(int line) {
        return file() + ":" + line + ": ";
    }

    @Test
    void readsRobustTopicWithoutClosingTags() throws Exception {
        CollectingSink<TopicRecord> sink = read(ROBUST_301);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).containsExactly(new TopicRecord(new Location(file().toString(), 1), "301",
                "International Organized Crime",
                "Identify organizations that participate in international criminal activity, the activity, and, "
                        + "if possible, collaborating organizations and the countries involved.",
                NARRATIVE_301, List.of(new VariantText("og", NARRATIVE_301))));
    }

    @Test
    void readsTipsterTopicDroppingLabelsAndOtherSections() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <top>
                <head> Tipster Topic Description
                <num> Number: 051
                <dom> Domain: International Economics
                <title> Topic: Airbus Subsidies
                <desc> Description:
                Document will discuss government assistance to Airbus Industrie.
                <smry> Summary:
                Document will discuss subsidies.
                <narr> Narrative:
                To be relevant, a document must cite a specific subsidy.
                <con> Concept(s):
                1. Airbus Industrie
                <fac> Factor(s):
                <nat> Nationality: U.S.
                </fac>
                <def> Definition(s):
                </top>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::query, TopicRecord::description,
                TopicRecord::narrative)
                .containsExactly(tuple("051", "Airbus Subsidies",
                        "Document will discuss government assistance to Airbus Industrie.",
                        "To be relevant, a document must cite a specific subsidy."));
    }

    @Test
    void readsClosedSectionsOnOneLineInAnyCase() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <TOP><NUM>302</NUM><TITLE>Poliomyelitis and Post-Polio</TITLE><DESC>Is the disease
                under control?</DESC> <NARR>Narrative: Relevant documents report cases.</NARR></TOP>
                <top><num>Number:303</num><title>Hubble Telescope</title></top>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::query, TopicRecord::description,
                TopicRecord::narrative, TopicRecord::variants, r -> r.at().line())
                .containsExactly(
                        tuple("302", "Poliomyelitis and Post-Polio", "Is the disease under control?",
                                "Relevant documents report cases.",
                                List.of(new VariantText("og", "Relevant documents report cases.")), 1L),
                        tuple("303", "Hubble Telescope", null, null, List.of(), 3L));
    }

    @Test
    void treatsEmptyDescriptionAndNarrativeAsAbsent() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <top>
                <num> Number: 304
                <title> Endangered Species (Mammals)
                <desc> Description:
                <narr> Narrative:
                </top>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::description, TopicRecord::narrative,
                TopicRecord::variants)
                .containsExactly(tuple("304", null, null, List.of()));
    }

    @Test
    void decodesEntities() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <top><num> Number: 305 <title> AT&amp;T &ldquo;Baby Bells&rdquo;
                <desc> Description: R&amp;D &#38; more &unknown;
                </top>
                """);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::query, TopicRecord::description)
                .containsExactly(tuple("AT&T “Baby Bells”", "R&D & more &unknown;"));
    }

    @Test
    void readsGzippedCrlfFileWithByteOrderMark() throws Exception {
        Path file = CollectingSink.writeGzip(dir.resolve("topics.gz"),
                "\uFEFF" + ROBUST_301.replace("\n", "\r\n") + "<top>\r\n<num> Number: 302\r\n<title> Polio\r\n</top>\r\n");

        CollectingSink<TopicRecord> sink = CollectingSink.read(Format.TREC_TOPICS, file);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(TopicRecord::topicId, TopicRecord::query, TopicRecord::narrative)
                .containsExactly(tuple("301", "International Organized Crime", NARRATIVE_301),
                        tuple("302", "Polio", null));
    }

    @Test
    void reportsMissingNumberAndTitleAndBadNumbers() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <top>
                <title> No number here
                </top>
                <top>
                <num> Number: 306
                <desc> Description: no title
                </top>
                <top>
                <num> Number: 307
                <title> Topic:
                </top>
                <top><num> Number: 3 08 <title> Spaced</top>
                <top><num> Number: <title> Empty number</top>
                <top><num> Number: 309 <title> Fine</top>
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(1) + "topic without <num>",
                at(4) + "topic 306 has no <title>",
                at(8) + "topic 307 has no <title>",
                at(12) + "topic id '3 08' contains whitespace or a control character",
                at(13) + "empty topic id");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.MISSING_FIELD,
                ProblemKind.MISSING_FIELD, ProblemKind.MISSING_FIELD, ProblemKind.BAD_VALUE, ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(TopicRecord::topicId).containsExactly("309");
    }

    @Test
    void reportsUnterminatedTopicInTheMiddleAndAtTheEnd() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                <top>
                <num> Number: 310
                <title> Radio Waves and Brain Cancer

                <top>
                <num> Number: 311
                <title> Industrial Espionage
                </top>
                <top>
                <num> Number: 312
                <title> Hydroponics
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(1) + "unterminated <top> (no </top> before line 5)",
                at(9) + "unterminated <top> (no </top> before the end of the file)");
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(ProblemKind.UNTERMINATED);
        assertThat(sink.records).extracting(TopicRecord::topicId, r -> r.at().line())
                .containsExactly(tuple("311", 5L));
    }

    @Test
    void reportsTextOutsideTopicsOncePerStretch() throws Exception {
        CollectingSink<TopicRecord> sink = read("""
                Topics 301-350
                for TREC-6
                <top><num> Number: 313 <title> Magnetic Levitation-Maglev</top>
                </top>
                <top><num> Number: 314 <title> Marine Vegetation</top>
                """);

        assertThat(sink.problemLines()).containsExactly(
                at(1) + "text outside any <top> element",
                at(4) + "</top> without a matching <top>");
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(TopicRecord::topicId).containsExactly("313", "314");
    }

    @Test
    void skipsTopicWithInvalidUtf8() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("<top><num> Number: 315 <title> Unexplained Highway Accidents</top>\n<top>\n<num> Number: 316\n"
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'<', 't', 'i', 't', 'l', 'e', '>', ' ', 'P', (byte) 0xC3, '(', '\n'});
        bytes.writeBytes("</top>\n<top><num> Number: 317 <title> Unsolicited Faxes</top>\n"
                .getBytes(StandardCharsets.UTF_8));
        Path file = CollectingSink.writeBytes(file(), bytes.toByteArray());

        CollectingSink<TopicRecord> sink = CollectingSink.read(Format.TREC_TOPICS, file);

        assertThat(sink.problemLines()).containsExactly(at(4) + "invalid UTF-8 at byte 10 of the line (topic skipped)");
        assertThat(sink.problems.get(0).kind()).isEqualTo(ProblemKind.INVALID_UTF8);
        assertThat(sink.records).extracting(TopicRecord::topicId).containsExactly("315", "317");
    }
}
