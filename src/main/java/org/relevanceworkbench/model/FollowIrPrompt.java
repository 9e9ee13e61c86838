package org.relevanceworkbench.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The prompt FollowIR-7B was trained on, exactly as the model card's Python code builds it. Any difference, even a
 * missing trailing space, changes the tokens and so the scores; hence one constant, a hash of it for run
 * provenance, and tests that pin both.
 */
public final class FollowIrPrompt {
    /**
     * The model card's {@code template}, byte for byte: the literal {@code <s>} (the tokenizer adds a second BOS in
     * front of it), a blank line before {@code Query:}, and a space after {@code [/INST]}. Written with explicit
     * {@code \n} rather than a text block, whose trailing-space stripping would silently eat that last space.
     */
    public static final String TEMPLATE = "<s> [INST] You are an expert Google searcher, whose job is to determine if"
            + " the following document is relevant to the query (true/false). Answer using only one word, one of"
            + " those two choices.\n"
            + "\n"
            + "Query: {query}\n"
            + "Document: {text}\n"
            + "Relevant (only output one word, either \"true\" or \"false\"): [/INST] ";

    /** The template's leading literal, which the tokenizer turns into the BOS control token. */
    public static final String LEADING_BOS = "<s>";

    private static final String QUERY_SLOT = "{query}";
    private static final String TEXT_SLOT = "{text}";
    // The template split around its two slots once, so that substitution is plain concatenation: values holding
    // "{" or "}" (or even "{text}") are never re-interpreted, as with Python's str.format.
    private static final String BEFORE_QUERY = TEMPLATE.substring(0, TEMPLATE.indexOf(QUERY_SLOT));
    private static final String BETWEEN = TEMPLATE.substring(
            TEMPLATE.indexOf(QUERY_SLOT) + QUERY_SLOT.length(), TEMPLATE.indexOf(TEXT_SLOT));
    private static final String AFTER_TEXT = TEMPLATE.substring(TEMPLATE.indexOf(TEXT_SLOT) + TEXT_SLOT.length());

    private static final String TEMPLATE_HASH = sha256Hex(TEMPLATE);

    private FollowIrPrompt() {
    }

    /** SHA-256 (lower-case hex) of {@link #TEMPLATE} in UTF-8: recorded with every run as the template's identity. */
    public static String templateHash() {
        return TEMPLATE_HASH;
    }

    /**
     * The {@code {query}} value: {@code (query + " " + instruction).strip()} with Python's notion of whitespace, as
     * in FollowIR's training data and evaluation. A null instruction counts as "" (so no trailing space remains).
     */
    public static String queryField(String query, String instruction) {
        Objects.requireNonNull(query, "query");
        return PythonWhitespace.strip(query + " " + (instruction == null ? "" : instruction));
    }

    /**
     * The {@code {text}} value: {@code title + " " + text} when the document has a title, else the text alone,
     * neither stripped (the golden prompts keep a document's trailing spaces). This joining is our choice, the one
     * BEIR-style rerankers make; the card shows passages only. A null title, or one made only of (Python)
     * whitespace, counts as no title, so that an empty title column adds no stray leading space.
     */
    public static String documentField(String title, String text) {
        Objects.requireNonNull(text, "text");
        boolean hasTitle = title != null && !PythonWhitespace.strip(title).isEmpty();
        return hasTitle ? title + " " + text : text;
    }

    /** The full prompt for one query/instruction and document, with the document field's position in it. */
    public static RenderedPrompt render(String query, String instruction, String title, String text) {
        String queryValue = queryField(query, instruction);
        String documentValue = documentField(title, text);
        int documentStart = BEFORE_QUERY.length() + queryValue.length() + BETWEEN.length();
        String prompt = BEFORE_QUERY + queryValue + BETWEEN + documentValue + AFTER_TEXT;
        return new RenderedPrompt(prompt, documentStart, documentStart + documentValue.length());
    }

    private static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
