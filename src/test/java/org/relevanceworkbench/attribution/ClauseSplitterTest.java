package org.relevanceworkbench.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Clause splitting: the tricky cases, the sample instructions, the round trip and the edits. */
class ClauseSplitterTest {
    private static List<String> split(String text) {
        return ClauseSplitter.split(text);
    }

    @Test
    void sentencesAndSemicolonPartsAreClauses() {
        assertThat(split("Relevant documents discuss cars. They may mention Y; they must not be about Z! Why? Because."))
                .containsExactly("Relevant documents discuss cars.", "They may mention Y;", "they must not be about Z!",
                        "Why?", "Because.");
    }

    @Test
    void aTrailingClauseNeedsNoFullStop() {
        assertThat(split("A relevant document names the director. It need not name the writer"))
                .containsExactly("A relevant document names the director.", "It need not name the writer");
        assertThat(split("A relevant document would describe a movie that was written by James Cameron only and not"
                + " with anyone else")).hasSize(1);
    }

    @Test
    void abbreviationsAreNoSentenceEnds() {
        assertThat(split("Documents about policy, e.g. tariffs, i.e. taxes on imports, are relevant. Others are not."))
                .containsExactly("Documents about policy, e.g. tariffs, i.e. taxes on imports, are relevant.",
                        "Others are not.");
        assertThat(split("Reports on the U.S. Senate vs. the House count. Reports by Dr. Smith and Mr. Jones do too."))
                .containsExactly("Reports on the U.S. Senate vs. the House count.",
                        "Reports by Dr. Smith and Mr. Jones do too.");
        assertThat(split("Films by J. Cameron count. Fruit such as apples, pears, etc. are not relevant."))
                .containsExactly("Films by J. Cameron count.", "Fruit such as apples, pears, etc. are not relevant.");
        assertThat(split("Mention apples, pears, etc. Documents about cars are not relevant."))
                .containsExactly("Mention apples, pears, etc.", "Documents about cars are not relevant.");
        assertThat(split("See No. 5 and approx. five more. Version 2.5 is fine.")).containsExactly(
                "See No. 5 and approx. five more.", "Version 2.5 is fine.");
    }

    @Test
    void nothingInsideQuotesOrParenthesesIsCut() {
        assertThat(split("Relevant documents quote the line \"It ends. Then; again.\" and discuss it. Others do not."))
                .containsExactly("Relevant documents quote the line \"It ends. Then; again.\" and discuss it.",
                        "Others do not.");
        assertThat(split("Documents on batteries (for example, lead-acid ones; or phones. Or laptops.) are not"
                + " relevant; documents on EVs are."))
                .containsExactly("Documents on batteries (for example, lead-acid ones; or phones. Or laptops.) are not"
                        + " relevant;", "documents on EVs are.");
        assertThat(split("It says “stop. now; please” twice. Next [a. B; c] too.")).containsExactly(
                "It says “stop. now; please” twice.", "Next [a. B; c] too.");
        assertThat(split("He said \"Stop.\" Then he left.")).containsExactly("He said \"Stop.\"", "Then he left.");
    }

    @Test
    void unbalancedMarksAndApostrophesAreNoQuotes() {
        assertThat(split("Cameron's films count. The director's cut doesn't.")).containsExactly("Cameron's films count.",
                "The director's cut doesn't.");
        assertThat(split("An unclosed (bracket. Still two clauses.")).containsExactly("An unclosed (bracket.",
                "Still two clauses.");
        assertThat(split("A stray \" quote. And more.")).containsExactly("A stray \" quote.", "And more.");
    }

    @Test
    void cjkPunctuationEndsClauses() {
        assertThat(split("相关文档讨论电动汽车电池回收。不包括铅酸电池；也不包括手机电池！是否相关？看内容"))
                .containsExactly("相关文档讨论电动汽车电池回收。", "不包括铅酸电池；", "也不包括手机电池！", "是否相关？", "看内容");
        assertThat(split("它说「停。现在」然后结束。")).containsExactly("它说「停。现在」然后结束。");
    }

    @Test
    void punctuationAloneStaysWithItsClauseAndBlankGivesNone() {
        assertThat(split("First part; ; second part.")).containsExactly("First part; ;", "second part.");
        assertThat(split("  \n ")).isEmpty();
        assertThat(split("...")).containsExactly("...");
        assertThat(split("Wait... what? Yes.")).containsExactly("Wait...", "what?", "Yes.");
    }

    @Test
    void joiningTheClausesGivesBackTheInstructionModuloWhitespace() throws Exception {
        List<String> instructions = sampleInstructions();
        assertThat(instructions).hasSizeGreaterThanOrEqualTo(22);
        for (String instruction : instructions) {
            Clauses clauses = Clauses.of(instruction);
            assertThat(clauses.size()).as(instruction).isGreaterThanOrEqualTo(1);
            assertThat(clauses.text().replaceAll("\\s+", " ")).as(instruction)
                    .isEqualTo(instruction.strip().replaceAll("\\s+", " "));
        }
        String cjk = "相关文档讨论回收。  不包括铅酸电池；\n看内容";
        assertThat(Clauses.of(cjk).text().replaceAll("\\s", "")).isEqualTo(cjk.replaceAll("\\s", ""));
    }

    @Test
    void theSampleInstructionsSplitWhereAReaderWould() throws Exception {
        // trec-mini 101's narrative: a sentence with a ;-part, then two sentences (brackets and e-cigarettes intact).
        List<String> trec101 = split(sampleInstructions().get(1));
        assertThat(trec101).hasSize(4);
        assertThat(trec101.get(0)).endsWith("used EV battery packs;");
        assertThat(trec101.get(1)).startsWith("this includes recycling processes");
        assertThat(trec101.get(2)).contains("(for example as second-life stationary storage)");
        assertThat(trec101.get(3)).contains("e-cigarettes and other small devices)");
    }

    @Test
    void clausesCanBeJoinedAndSplitAtAWord() {
        Clauses c = Clauses.of("One two three. Four five; six.");
        assertThat(c.texts()).containsExactly("One two three.", "Four five;", "six.");
        assertThat(c.without(1)).isEqualTo("One two three. six.");
        Clauses joined = c.joinWithNext(1);
        assertThat(joined.texts()).containsExactly("One two three.", "Four five; six.");
        Clauses cut = joined.splitAt(0, 1);
        assertThat(cut.texts()).containsExactly("One", "two three.", "Four five; six.");
        assertThat(cut.text()).isEqualTo(c.text());
        Clauses spaced = Clauses.of("  One  two three.\nFour five; six.\t");
        assertThat(spaced.texts()).containsExactly("One  two three.", "Four five;", "six."); // inner spaces kept
        assertThat(spaced.joinWithNext(0).splitAt(0, 3)).isEqualTo(c);
        assertThatThrownBy(() -> c.joinWithNext(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clause 3 is the last; there is none to join it with");
        assertThatThrownBy(() -> c.splitAt(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clause 1 has 3 words; it can be split before word 2 to 3, not 4");
        assertThatThrownBy(() -> c.splitAt(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.without(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The James Cameron instructions, then trec-mini's og narratives (101 first) and changed instructions. */
    static List<String> sampleInstructions() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        Path root = Path.of("sample-corpora");
        var cameron = json.readTree(Files.readString(root.resolve("james-cameron/queries.jsonl")).lines().findFirst()
                .orElseThrow());
        out.add(cameron.get("instruction_og").asText());
        Matcher m = Pattern.compile("<narr> Narrative:\\s*(.*?)\\s*</top>", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve("trec-mini/topics.txt")));
        while (m.find()) {
            out.add(m.group(1));
        }
        out.add(cameron.get("instruction_changed").asText());
        for (String line : Files.readAllLines(root.resolve("trec-mini/instructions-changed.jsonl"))) {
            if (!line.isBlank()) {
                out.add(json.readTree(line).get("instruction").asText());
            }
        }
        return out;
    }
}
