package org.relevanceworkbench.attribution;

import java.util.ArrayList;
import java.util.List;
import org.relevanceworkbench.model.PythonWhitespace;

/**
 * An instruction cut into clauses (sentences and {@code ;}-parts, see {@link ClauseSplitter}), as a value: the
 * attribution leaves one out at a time. Joining the clauses with single spaces gives back the instruction modulo
 * whitespace. The cut can be edited — two neighbours joined, one clause split before a word — and each edit gives a
 * new value, so a view can offer undo by keeping the old one.
 *
 * <p>Indexes are 0-based here; what people read (the CLI, exports, "without clause 3") counts from 1.
 */
public record Clauses(List<String> texts) {
    public Clauses {
        texts = List.copyOf(texts);
        for (String t : texts) {
            if (PythonWhitespace.strip(t).isEmpty() || !t.equals(PythonWhitespace.strip(t))) {
                throw new IllegalArgumentException("a clause is non-blank text without surrounding whitespace: '"
                        + t + "'");
            }
        }
    }

    /** The instruction's clauses as {@link ClauseSplitter} cuts it; none for a blank instruction. */
    public static Clauses of(String instruction) {
        return new Clauses(ClauseSplitter.split(instruction));
    }

    public int size() {
        return texts.size();
    }

    public String get(int index) {
        return texts.get(index);
    }

    /** Every clause, joined with single spaces. */
    public String text() {
        return String.join(" ", texts);
    }

    /** The instruction without clause {@code index}: the others, in order, joined with single spaces. */
    public String without(int index) {
        List<String> rest = new ArrayList<>(texts);
        rest.remove(checked(index));
        return String.join(" ", rest);
    }

    /** Clause {@code index} and the next one as one clause. */
    public Clauses joinWithNext(int index) {
        checked(index);
        if (index + 1 >= texts.size()) {
            throw new IllegalArgumentException("clause " + (index + 1) + " is the last; there is none to join it with");
        }
        List<String> out = new ArrayList<>(texts);
        out.set(index, texts.get(index) + " " + texts.get(index + 1));
        out.remove(index + 1);
        return new Clauses(out);
    }

    /**
     * Clause {@code index} cut in two before its word {@code word} (0-based; 1 to its word count − 1, so neither part
     * is empty). The parts keep the clause's words, joined with single spaces.
     */
    public Clauses splitAt(int index, int word) {
        List<String> words = Words.of(texts.get(checked(index)));
        if (word < 1 || word >= words.size()) {
            throw new IllegalArgumentException("clause " + (index + 1) + " has " + words.size()
                    + " words; it can be split before word 2 to " + words.size() + ", not " + (word + 1));
        }
        List<String> out = new ArrayList<>(texts);
        out.set(index, String.join(" ", words.subList(0, word)));
        out.add(index + 1, String.join(" ", words.subList(word, words.size())));
        return new Clauses(out);
    }

    private int checked(int index) {
        if (index < 0 || index >= texts.size()) {
            throw new IndexOutOfBoundsException("clause " + (index + 1) + " of " + texts.size());
        }
        return index;
    }
}
