package org.relevanceworkbench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * A word-level diff of a variant's instruction against the baseline's: which words the variant
 * adds and which it removes, in reading order, so an editor can highlight what changed. Words
 * are maximal runs of non-space characters; the diff is a longest common subsequence of words
 * (instructions are a few hundred words, so the quadratic table is small).
 */
public final class WordDiff {
    /** Same words, words only in the variant, words only in the baseline. */
    public enum Kind { SAME, ADDED, REMOVED }

    /** A run of words of one kind; adjacent words of a kind are joined by single spaces. */
    public record Segment(Kind kind, String text) {
    }

    private WordDiff() {
    }

    public static List<Segment> diff(String baseline, String variant) {
        String[] a = words(baseline);
        String[] b = words(variant);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Segment> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                add(out, Kind.SAME, a[i]);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                add(out, Kind.ADDED, b[j++]);
            } else {
                add(out, Kind.REMOVED, a[i++]);
            }
        }
        return out;
    }

    private static void add(List<Segment> out, Kind kind, String word) {
        if (!out.isEmpty() && out.get(out.size() - 1).kind() == kind) {
            Segment last = out.remove(out.size() - 1);
            out.add(new Segment(kind, last.text() + " " + word));
        } else {
            out.add(new Segment(kind, word));
        }
    }

    private static String[] words(String text) {
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    /** How many words the variant adds and removes: "+12 −3". */
    public static String summary(List<Segment> diff) {
        int added = 0;
        int removed = 0;
        for (Segment s : diff) {
            int n = s.text().split(" ").length;
            if (s.kind() == Kind.ADDED) {
                added += n;
            } else if (s.kind() == Kind.REMOVED) {
                removed += n;
            }
        }
        return "+" + added + " −" + removed;
    }
}
