package org.relevanceworkbench.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic documents for benchmarks: words drawn from a Zipf distribution
 * (exponent 1.07, close to English) over a vocabulary of pronounceable pseudo-words, so that term
 * frequencies, document frequencies and posting-list lengths behave like text without shipping a
 * corpus. Word rank 1 is the most frequent word.
 */
public final class SyntheticCorpus {
    private static final String CONSONANTS = "bcdfghjklmnprstvwz";
    private static final String VOWELS = "aeiou";

    private final String[] vocabulary;
    private final double[] cumulative;
    private final int documentBytes;

    public SyntheticCorpus(int vocabularySize, int documentBytes, long seed) {
        this.documentBytes = documentBytes;
        SplittableRandom random = new SplittableRandom(seed);
        java.util.Set<String> seen = new java.util.HashSet<>();
        vocabulary = new String[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            String word;
            do {
                word = pseudoWord(random, 2 + random.nextInt(3));
            } while (!seen.add(word));
            vocabulary[i] = word;
        }
        cumulative = new double[vocabularySize];
        double sum = 0;
        for (int i = 0; i < vocabularySize; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.07);
            cumulative[i] = sum;
        }
        for (int i = 0; i < vocabularySize; i++) {
            cumulative[i] /= sum;
        }
    }

    private static String pseudoWord(SplittableRandom random, int syllables) {
        StringBuilder word = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
            word.append(VOWELS.charAt(random.nextInt(VOWELS.length())));
        }
        if (random.nextInt(3) == 0) {
            word.append(CONSONANTS.charAt(random.nextInt(CONSONANTS.length())));
        }
        return word.toString();
    }

    /** The word of a 1-based frequency rank. */
    public String word(int rank) {
        return vocabulary[rank - 1];
    }

    public int vocabularySize() {
        return vocabulary.length;
    }

    private String sample(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return vocabulary[Math.min(i < 0 ? -i - 1 : i, vocabulary.length - 1)];
    }

    /** Document {@code n}'s text: about {@code documentBytes} bytes, the same for the same n and seed. */
    public String text(long n) {
        SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L + 17);
        StringBuilder text = new StringBuilder(documentBytes + 16);
        while (text.length() < documentBytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(sample(random));
        }
        return text.toString();
    }

    /** Document {@code n}'s title: a few words. */
    public String title(long n) {
        SplittableRandom random = new SplittableRandom(n * 31 + 7);
        return sample(random) + " " + sample(random) + " " + sample(random);
    }
}
