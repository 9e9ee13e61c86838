package org.relevanceworkbench.formats;

import java.util.Locale;

/** Rules shared by every reader for external ids (documents, topics) and variant suffixes. */
public final class Ids {
    private Ids() {
    }

    /**
     * Why {@code id} is unusable, or null when it is fine. Ids must survive TREC's
     * whitespace-separated files, so they may not be empty or contain whitespace or control characters.
     */
    public static String problem(String what, String id) {
        if (id == null || id.isEmpty()) {
            return "empty " + what;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return what + " '" + abbreviate(id) + "' contains whitespace or a control character";
            }
        }
        return null;
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** A query id with the MTEB FollowIR suffix split off: {@code 301-og} → (301, og). */
    public record QueryId(String topicId, String variant) {
    }

    public static QueryId splitVariant(String queryId) {
        for (String variant : new String[] {"og", "changed"}) {
            String suffix = "-" + variant;
            if (queryId.length() > suffix.length() && queryId.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                return new QueryId(queryId.substring(0, queryId.length() - suffix.length()), variant);
            }
        }
        return new QueryId(queryId, null);
    }

    /**
     * The variant a file's name declares ({@code qrels_og/test.tsv}, {@code qrels.changed.txt}), or null.
     * Looks at every path element, split on anything that is not a letter or digit.
     */
    public static String variantOfPath(String path) {
        String found = null;
        for (String token : path.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")) {
            if (token.equals("og") || token.equals("changed")) {
                found = token; // the last mention wins: qrels_og/changed.tsv is about 'changed'
            }
        }
        return found;
    }
}
