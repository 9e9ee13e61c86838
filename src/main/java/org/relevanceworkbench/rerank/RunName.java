package org.relevanceworkbench.rerank;

import java.util.Optional;
import org.relevanceworkbench.common.UserException;

/**
 * The name of a run the workbench scores: the scorer's word, {@code -}, the variant ({@code followir-og},
 * {@code bm25-only-cameron}). The scorer's word has no {@code -}, so a name splits at its first one and a variant
 * may hold any number. {@code --run-name PREFIX} lets a user choose another prefix; such names are built with
 * {@link #withPrefix} and need not parse.
 *
 * @param scorer  the scorer's word ({@link #FOLLOWIR}, {@link #BM25}): not blank, no {@code -}, no white space
 * @param variant the variant's name: not blank
 */
public record RunName(String scorer, String variant) {
    public static final String SEPARATOR = "-";
    /** The word of FollowIR-7B's runs, wherever it ran (locally or on servers). */
    public static final String FOLLOWIR = "followir";
    public static final String BM25 = "bm25";
    /** The prefix rerank and evaluate name their runs with unless told another (a constant for picocli defaults). */
    public static final String FOLLOWIR_PREFIX = FOLLOWIR + SEPARATOR;

    public RunName {
        if (scorer == null || scorer.isBlank() || scorer.contains(SEPARATOR)
                || scorer.chars().anyMatch(Character::isWhitespace)) {
            throw new UserException("a run name's scorer must be one word without '-', not '" + scorer + "'");
        }
        if (variant == null || variant.isBlank()) {
            throw new UserException("a run name needs a variant after the scorer '" + scorer + "'");
        }
    }

    /** FollowIR's run of a variant: {@code followir-VARIANT}. */
    public static RunName followir(String variant) {
        return new RunName(FOLLOWIR, variant);
    }

    /** The scorer and variant of {@code SCORER-VARIANT}, split at the first {@code -}. */
    public static RunName parse(String name) {
        return tryParse(name).orElseThrow(() -> new UserException(
                "run name '" + name + "' is not SCORER-VARIANT (e.g. followir-og, bm25-only-cameron)"));
    }

    /** {@link #parse}, or empty for a name of another form (an imported run's, a user's prefix). */
    public static Optional<RunName> tryParse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int dash = name.indexOf(SEPARATOR);
        if (dash <= 0 || dash == name.length() - 1) {
            return Optional.empty();
        }
        String scorer = name.substring(0, dash);
        String variant = name.substring(dash + 1);
        if (scorer.chars().anyMatch(Character::isWhitespace) || variant.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RunName(scorer, variant));
    }

    /** The prefix of a scorer's runs: {@code followir-}. */
    public static String prefix(String scorer) {
        return scorer + SEPARATOR;
    }

    /** The run a {@code --run-name PREFIX} gives a variant: the prefix as typed, then the variant. */
    public static String withPrefix(String prefix, String variant) {
        return prefix + variant;
    }

    /** This name's prefix: {@code followir-} of {@code followir-og}. */
    public String prefix() {
        return prefix(scorer);
    }

    /** The name as stored: {@code SCORER-VARIANT}. */
    @Override
    public String toString() {
        return scorer + SEPARATOR + variant;
    }
}
