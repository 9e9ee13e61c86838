package org.relevanceworkbench.attribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.relevanceworkbench.model.PythonWhitespace;

/**
 * Cuts an instruction into clauses: its sentences, and the parts of a sentence separated by {@code ;}.
 * <ul>
 *   <li>A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …} (or a run of them) followed by whitespace or
 *       the end, and at the CJK marks {@code 。！？} wherever they stand; a clause ends after {@code ;} and
 *       {@code ；}.</li>
 *   <li>Nothing inside quotes ({@code "…"}, {@code “…”}, {@code ‘…’}, {@code «…»}, {@code 「…」}, {@code 『…』}) or
 *       brackets ({@code (…)}, {@code […]}, {@code {…}}, {@code （…）}) is cut; a quote or bracket that never closes
 *       is taken as a plain character. An apostrophe ({@code '}, or {@code ’} with no {@code ‘} open) is no quote.
 *       A quotation that ends its sentence ({@code said "Stop." Then}) ends the clause after its closing mark.</li>
 *   <li>A period is no sentence end after an abbreviation: a title or Latin short form ({@code e.g. i.e. etc. vs. cf.
 *       Mr. Mrs. Ms. Dr. Prof. St. Jr. Sr. No. Fig. al. approx. Inc. Ltd. Co.}), a dotted initialism ({@code U.S.},
 *       {@code Ph.D.}, {@code a.m.}), a single capital initial ({@code J. Cameron}); nor when the next word starts
 *       with a lower-case letter or a digit. {@code etc.}, {@code a.m.} and {@code p.m.} end a sentence when a
 *       capitalised word follows.</li>
 *   <li>A piece with no letter or digit of its own (a stray {@code ;}) stays with the clause before it.</li>
 * </ul>
 * Clauses are stripped of surrounding whitespace and keep their punctuation, so joining them with single spaces
 * gives back the instruction modulo whitespace.
 */
public final class ClauseSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "vs.", "v.", "cf.", "mr.", "mrs.", "ms.",
            "dr.", "prof.", "st.", "jr.", "sr.", "no.", "nos.", "fig.", "figs.", "al.", "approx.", "inc.", "ltd.", "co.",
            "corp.", "dept.", "esp.", "incl.", "resp.", "viz.", "ca.", "gen.", "gov.", "sen.", "rep.", "mt.", "vol.",
            "pp.", "p.", "ed.", "eds.");
    /** Abbreviations that also end sentences: they do when a capitalised word follows. */
    private static final Set<String> SOMETIMES_FINAL = Set.of("etc.", "a.m.", "p.m.");
    private static final Pattern INITIALISM = Pattern.compile("(\\p{L}\\.){2,}");
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}\\.");
    private static final String OPENERS = "\"“‘«「『([{（";
    private static final String CLOSERS = "\"”’»」』)]}）";

    private ClauseSplitter() {
    }

    public static List<String> split(String instruction) {
        String s = instruction == null ? "" : instruction;
        int[] pairEnd = outermostPairs(s);
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (pairEnd[i] > i) { // a quotation or bracket: never cut inside; maybe after it
                int close = pairEnd[i];
                i = close + 1;
                if (isTerminator(s.charAt(close - 1)) && close - 1 > start && capitalAfter(s, i)) {
                    pieces.add(s.substring(start, i));
                    start = i;
                }
                continue;
            }
            if (c == ';' || c == '；' || c == '。' || c == '！' || c == '？') {
                i++;
                pieces.add(s.substring(start, i));
                start = i;
                continue;
            }
            if (isTerminator(c)) {
                int end = i;
                while (end < s.length() && isTerminator(s.charAt(end))) {
                    end++;
                }
                boolean atBoundary = end == s.length() || PythonWhitespace.isSpace(s.charAt(end));
                if (atBoundary && (end - i > 1 || c != '.' || periodEnds(s, i))) {
                    pieces.add(s.substring(start, end));
                    start = end;
                }
                i = end;
                continue;
            }
            i++;
        }
        pieces.add(s.substring(start));
        return tidy(pieces);
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    /** Whether the single period at {@code dot} (followed by whitespace or the end) ends a sentence. */
    private static boolean periodEnds(String s, int dot) {
        int wordStart = dot;
        while (wordStart > 0 && !PythonWhitespace.isSpace(s.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = s.substring(wordStart, dot + 1);
        while (!word.isEmpty() && OPENERS.indexOf(word.charAt(0)) >= 0) {
            word = word.substring(1);
        }
        String lower = word.toLowerCase(Locale.ROOT);
        int next = nextNonSpace(s, dot + 1);
        if (next < 0) {
            return true;
        }
        char following = s.charAt(next);
        if (Character.isLowerCase(following) || Character.isDigit(following)) {
            return false;
        }
        if (SOMETIMES_FINAL.contains(lower)) {
            return Character.isUpperCase(following);
        }
        return !(ABBREVIATIONS.contains(lower) || INITIAL.matcher(word).matches()
                || INITIALISM.matcher(word).matches());
    }

    /** Whether whitespace, then an upper-case letter (possibly after opening quotes), follows {@code from}. */
    private static boolean capitalAfter(String s, int from) {
        if (from >= s.length() || !PythonWhitespace.isSpace(s.charAt(from))) {
            return false;
        }
        int next = nextNonSpace(s, from);
        while (next >= 0 && next < s.length() && OPENERS.indexOf(s.charAt(next)) >= 0) {
            next++;
        }
        return next >= 0 && next < s.length() && Character.isUpperCase(s.charAt(next));
    }

    private static int nextNonSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!PythonWhitespace.isSpace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * For each position that opens an outermost quotation or bracket that closes, the position of its closing mark;
     * elsewhere −1. Marks are matched innermost first; a closing mark that matches nothing open is a plain character,
     * and so is an opening mark left open at the end.
     */
    private static int[] outermostPairs(String s) {
        int[] match = new int[s.length()];
        java.util.Arrays.fill(match, -1);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (!open.isEmpty() && s.charAt(open.peek()) == '"') {
                    match[open.pop()] = i;
                } else if (!open.isEmpty() && open.stream().anyMatch(p -> s.charAt(p) == '"')) {
                    // a straight quote closes the quotation it opened, dropping brackets left open inside it
                    while (s.charAt(open.peek()) != '"') {
                        open.pop();
                    }
                    match[open.pop()] = i;
                } else {
                    open.push(i);
                }
                continue;
            }
            int closer = CLOSERS.indexOf(c);
            if (closer >= 0 && !open.isEmpty() && s.charAt(open.peek()) == OPENERS.charAt(closer)) {
                match[open.pop()] = i;
                continue;
            }
            if (OPENERS.indexOf(c) >= 0) {
                open.push(i);
            }
        }
        int[] outer = new int[s.length()];
        java.util.Arrays.fill(outer, -1);
        for (int i = 0; i < s.length(); i++) {
            if (match[i] > i) {
                outer[i] = match[i];
                i = match[i]; // whatever pairs lie inside are not outermost
            }
        }
        return outer;
    }

    /** Stripped, non-empty pieces; one without a letter or digit joins the clause before it (or, first, after it). */
    private static List<String> tidy(List<String> pieces) {
        List<String> out = new ArrayList<>();
        String pending = null;
        for (String piece : pieces) {
            String p = PythonWhitespace.strip(piece);
            if (p.isEmpty()) {
                continue;
            }
            if (pending != null) {
                p = pending + " " + p;
                pending = null;
            }
            if (p.codePoints().noneMatch(Character::isLetterOrDigit)) {
                if (out.isEmpty()) {
                    pending = p;
                } else {
                    out.set(out.size() - 1, out.get(out.size() - 1) + " " + p);
                }
                continue;
            }
            out.add(p);
        }
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }
}
