package org.relevanceworkbench.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.relevanceworkbench.corpus.FtsQuery;

/**
 * Splits a document's text into plain and highlighted segments for the judge's reading: a word
 * is highlighted when it matches a query or instruction word (stopwords aside) or shares its
 * first five letters with one, a cheap stand-in for stemming (direct, directed, directing).
 */
public final class Highlighter {
    /** A run of text, highlighted or not. */
    public record Segment(String text, boolean highlighted) {
    }

    private static final int STEM = 5;
    private final Set<String> terms;

    public Highlighter(String... sources) {
        StringBuilder all = new StringBuilder();
        for (String s : sources) {
            if (s != null) {
                all.append(s).append(' ');
            }
        }
        terms = FtsQuery.parse(all.toString()).terms().stream().map(Highlighter::key).collect(Collectors.toSet());
    }

    private static String key(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.length() > STEM ? lower.substring(0, STEM) : lower;
    }

    public List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                String word = text.substring(start, i);
                if (terms.contains(key(word))) {
                    if (plain.length() > 0) {
                        out.add(new Segment(plain.toString(), false));
                        plain.setLength(0);
                    }
                    out.add(new Segment(word, true));
                } else {
                    plain.append(word);
                }
            } else {
                plain.appendCodePoint(text.codePointAt(i));
                i += Character.charCount(text.codePointAt(i));
            }
        }
        if (plain.length() > 0) {
            out.add(new Segment(plain.toString(), false));
        }
        return out;
    }
}
