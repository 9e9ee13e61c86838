package org.relevanceworkbench.eval;

import java.util.Comparator;

/**
 * trec_eval compares query ids and docnos with {@code strcmp}: unsigned bytes of their UTF-8, which is Unicode
 * code point order. {@link String#compareTo} compares UTF-16 units instead, which differs once a surrogate pair
 * meets a character in U+E000..U+FFFF; this comparator fixes that case up.
 */
final class StrcmpOrder {
    static final Comparator<String> STRCMP = StrcmpOrder::compare;

    private StrcmpOrder() {
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    return codePointRank(x) - codePointRank(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above U+E000..U+FFFF, where the code points they encode belong. */
    private static int codePointRank(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
