package org.relevanceworkbench.attribution;

import java.util.Comparator;
import java.util.List;

/** One document's score with each word of the instruction removed in turn: which words its score hangs on. */
public record WordOcclusion(String docId, double pFull, List<Word> words) {
    /**
     * @param index   1-based position in the instruction
     * @param instruction the instruction scored: the other words, joined with single spaces
     */
    public record Word(int index, String word, String instruction, double pWithout) {
        /** p(without the word) − p(full). */
        public double delta(double pFull) {
            return pWithout - pFull;
        }
    }

    public WordOcclusion {
        words = List.copyOf(words);
    }

    /** The words by how much removing them moves the score, most first (ties in instruction order). */
    public List<Word> ranked() {
        return words.stream().sorted(Comparator.comparingDouble((Word w) -> -Math.abs(w.delta(pFull)))
                .thenComparingInt(Word::index)).toList();
    }
}
