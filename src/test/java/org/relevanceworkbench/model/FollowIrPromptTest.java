package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FollowIrPromptTest {
    /** The model card's {@code template}, written independently of the constant (a text block, {@code \s} = space). */
    private static final String CARD_TEMPLATE = """
            <s> [INST] You are an expert Google searcher, whose job is to determine if the following document is \
            relevant to the query (true/false). Answer using only one word, one of those two choices.

            Query: {query}
            Document: {text}
            Relevant (only output one word, either "true" or "false"): [/INST]\s""";

    /** Every code point for which Python 3.11's str.isspace() is true (listed by running it over 0..0x10FFFF). */
    private static final List<Integer> PYTHON_WHITESPACE = List.of(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E,
            0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
            0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000);

    @Test
    void theTemplateIsTheCardsByteForByte() {
        assertThat(FollowIrPrompt.TEMPLATE).isEqualTo(CARD_TEMPLATE);
        byte[] bytes = FollowIrPrompt.TEMPLATE.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(291); // len() of the card's template in Python; all ASCII
        assertThat(FollowIrPrompt.TEMPLATE)
                .startsWith("<s> [INST] You are an expert Google searcher,")
                .contains("two choices.\n\nQuery: {query}\nDocument: {text}\nRelevant (only output one word, ")
                .endsWith("either \"true\" or \"false\"): [/INST] ");
    }

    @Test
    void theTemplateHashIsStable() {
        // Computed once, and checked with `sha256sum` on a file holding the card's template bytes (no newline).
        assertThat(FollowIrPrompt.templateHash())
                .isEqualTo("47d7dfcc7fddd457fa7b55c21242b7a9618716538b2d6c5f272667f3aa349110");
    }

    @Test
    void rendersTheCardsFirstExample() {
        RenderedPrompt prompt = FollowIrPrompt.render("What movies were written by James Cameron?",
                "A relevant document would describe a movie that was written by James Cameron only", null,
                "Avatar: The Way of Water is a 2022 film.");
        assertThat(prompt.text()).isEqualTo(CARD_TEMPLATE
                .replace("{query}", "What movies were written by James Cameron? A relevant document would describe"
                        + " a movie that was written by James Cameron only")
                .replace("{text}", "Avatar: The Way of Water is a 2022 film."));
        assertThat(prompt.document()).isEqualTo("Avatar: The Way of Water is a 2022 film.");
        assertThat(prompt.text().substring(0, prompt.documentStart())).endsWith("\nDocument: ");
        assertThat(prompt.text().substring(prompt.documentEnd())).startsWith("\nRelevant (only");
    }

    @Test
    void queryAndInstructionAreJoinedAndStrippedLikePython() {
        assertThat(FollowIrPrompt.queryField("capital of France", "Only cities."))
                .isEqualTo("capital of France Only cities.");
        assertThat(FollowIrPrompt.queryField("capital of France", "")).isEqualTo("capital of France");
        assertThat(FollowIrPrompt.queryField("capital of France", null)).isEqualTo("capital of France");
        assertThat(FollowIrPrompt.queryField("  q  ", "  i  ")).isEqualTo("q     i"); // inner spaces stay
        assertThat(FollowIrPrompt.queryField("\u00a0q\u00a0", null)).isEqualTo("q");
        assertThat(FollowIrPrompt.queryField("\u2007\u202f\u0085\u001cq", "i\u3000\u2028\u001f")).isEqualTo("q i");
        // Not whitespace for Python: zero-width space, BOM, Mongolian vowel separator stay.
        assertThat(FollowIrPrompt.queryField("\u200bq", "\ufeff")).isEqualTo("\u200bq \ufeff");
        assertThat(FollowIrPrompt.queryField("\u180eq", null)).isEqualTo("\u180eq");
        assertThat(FollowIrPrompt.queryField(" \t\n", " ")).isEmpty();
    }

    @Test
    void pythonWhitespaceIsExactlyPythonsSet() {
        Set<Integer> expected = new HashSet<>(PYTHON_WHITESPACE);
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (PythonWhitespace.isSpace(cp) != expected.contains(cp)) {
                throw new AssertionError(String.format("U+%04X: isSpace=%s, Python says %s", cp,
                        PythonWhitespace.isSpace(cp), expected.contains(cp)));
            }
        }
        // ...where Java's own strip() differs (so using it would be a bug):
        assertThat("\u00a0x\u2007".strip()).isEqualTo("\u00a0x\u2007");
        assertThat(PythonWhitespace.strip("\u00a0x\u2007")).isEqualTo("x");
        for (int cp : PYTHON_WHITESPACE) {
            String ws = Character.toString(cp);
            assertThat(PythonWhitespace.strip(ws + "a b" + ws + ws)).as("U+%04X", cp).isEqualTo("a b");
        }
        assertThat(PythonWhitespace.strip("")).isEmpty();
        assertThat(PythonWhitespace.strip("\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void aTitleIsJoinedToTheTextWithOneSpace() {
        assertThat(FollowIrPrompt.documentField("Three Gorges Dam", "A dam.")).isEqualTo("Three Gorges Dam A dam.");
        assertThat(FollowIrPrompt.documentField(null, "A dam.")).isEqualTo("A dam.");
        assertThat(FollowIrPrompt.documentField("", "A dam.")).isEqualTo("A dam.");
        assertThat(FollowIrPrompt.documentField(" \u00a0", "A dam.")).isEqualTo("A dam.");
        // Neither part is stripped: the golden prompts keep a document's own spaces.
        assertThat(FollowIrPrompt.documentField(" T ", " text  ")).isEqualTo(" T   text  ");
        RenderedPrompt prompt = FollowIrPrompt.render("q", null, "Title", "Body.");
        assertThat(prompt.document()).isEqualTo("Title Body.");
        assertThat(prompt.text()).contains("\nDocument: Title Body.\nRelevant");
    }

    @Test
    void bracesInValuesAreLiteral() {
        RenderedPrompt prompt = FollowIrPrompt.render("{text} {0} {{x}}", "{query}", "{", "} {text} {query}");
        assertThat(prompt.text()).contains("\nQuery: {text} {0} {{x}} {query}\nDocument: { } {text} {query}\nRelevant");
        assertThat(prompt.document()).isEqualTo("{ } {text} {query}");
        assertThat(prompt.text()).startsWith("<s> [INST] ").endsWith("[/INST] ");
    }

    @Test
    void emptyAndMissingValues() {
        RenderedPrompt prompt = FollowIrPrompt.render("q", null, null, "");
        assertThat(prompt.text()).contains("\nQuery: q\nDocument: \nRelevant");
        assertThat(prompt.documentStart()).isEqualTo(prompt.documentEnd());
        assertThatThrownBy(() -> FollowIrPrompt.render(null, "i", null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FollowIrPrompt.render("q", "i", null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void specialTokenModesHaveStableNames() {
        assertThat(SpecialTokenMode.CONTROL.provenanceName()).isEqualTo("control");
        assertThat(SpecialTokenMode.PLAIN.provenanceName()).isEqualTo("plain");
        assertThat(SpecialTokenMode.fromProvenanceName("plain")).isEqualTo(SpecialTokenMode.PLAIN);
        assertThat(SpecialTokenMode.fromProvenanceName(" CONTROL ")).isEqualTo(SpecialTokenMode.CONTROL);
        assertThatThrownBy(() -> SpecialTokenMode.fromProvenanceName("raw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raw");
    }
}
