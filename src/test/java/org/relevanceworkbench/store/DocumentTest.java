package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentTest {
    private static Document doc(String title, String text) {
        return new Document(1, "d1", title, text, null);
    }

    @Test
    void aTitledDocumentShowsItsTitle() {
        assertThat(doc("Avatar", "text").titleOrSnippet()).isEqualTo("Avatar");
    }

    @Test
    void anUntitledDocumentShowsTheStartOfItsTextCutAtAWord() {
        Document passage = doc(" ", "  The   coral reefs of the Caribbean bleached in 2023 after weeks of record ocean"
                + " heat, and scientists counted the losses.");
        assertThat(passage.titleOrSnippet())
                .isEqualTo("The coral reefs of the Caribbean bleached in 2023 after weeks of record ocean…");
    }

    @Test
    void aShortTextIsShownWholeWithItsWhiteSpaceFolded() {
        assertThat(doc(null, " a\n\tshort  passage ").titleOrSnippet()).isEqualTo("a short passage");
        assertThat(doc(null, null).titleOrSnippet()).isEmpty();
    }

    @Test
    void aTextWithoutSpacesIsCutAtTheLimit() {
        String word = "x".repeat(Document.SNIPPET_CHARS + 5);
        assertThat(doc("", word).titleOrSnippet()).isEqualTo("x".repeat(Document.SNIPPET_CHARS) + "…");
    }
}
