package org.relevanceworkbench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns any user text into a safe FTS5 MATCH expression for ranked BM25 retrieval.
 *
 * <p>User text is never FTS5 syntax: quotes, colons, parentheses, AND/OR/NOT/NEAR, {@code *},
 * {@code -} and {@code ^} would make MATCH throw or change meaning. So the text is split into
 * terms (runs of letters, digits and combining marks, as unicode61 sees them), each term is
 * double-quoted with inner quotes doubled, and terms are OR-ed: BM25 candidate generation is
 * disjunctive, as in Anserini. English stopwords are dropped (unless every term is one) because
 * FTS5 scores every row a term matches, and a query of "the" scores the whole collection.
 */
public final class FtsQuery {
    /** Lucene's English stopword set, as Anserini's default analyzer uses. */
    static final Set<String> STOPWORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "for",
            "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
            "there", "these", "they", "this", "to", "was", "will", "with");
    /** A pasted paragraph becomes at most this many terms; more would only slow FTS5 down. */
    static final int MAX_TERMS = 64;

    private final List<String> terms;
    private final List<String> dropped;

    private FtsQuery(List<String> terms, List<String> dropped) {
        this.terms = terms;
        this.dropped = dropped;
    }

    public static FtsQuery parse(String text) {
        Set<String> all = new LinkedHashSet<>(split(text == null ? "" : text));
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String term : all) {
            (STOPWORDS.contains(term) ? dropped : kept).add(term);
        }
        if (kept.isEmpty()) {
            kept.addAll(dropped); // "the who": better slow than empty
            dropped.clear();
        }
        if (kept.size() > MAX_TERMS) {
            dropped.addAll(kept.subList(MAX_TERMS, kept.size()));
            kept = new ArrayList<>(kept.subList(0, MAX_TERMS));
        }
        return new FtsQuery(List.copyOf(kept), List.copyOf(dropped));
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder term = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isTermChar(cp)) {
                term.appendCodePoint(cp);
            } else if (term.length() > 0) {
                out.add(term.toString().toLowerCase(Locale.ROOT));
                term.setLength(0);
            }
        });
        if (term.length() > 0) {
            out.add(term.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean isTermChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The terms searched for, lower-cased, in order of first appearance. */
    public List<String> terms() {
        return terms;
    }

    /** Stopwords and overflow terms left out of the search. */
    public List<String> dropped() {
        return dropped;
    }

    /** The MATCH expression: {@code "t1" OR "t2"}. Only call when not {@link #isEmpty()}. */
    public String matchExpression() {
        StringBuilder out = new StringBuilder();
        for (String term : terms) {
            if (out.length() > 0) {
                out.append(" OR ");
            }
            out.append('"').append(term.replace("\"", "\"\"")).append('"');
        }
        return out.toString();
    }
}
