package org.relevanceworkbench.export;

import java.math.BigInteger;
import java.util.Comparator;

/** The orders exported files list topics and documents in. */
final class TrecOrder {
    private TrecOrder() {
    }

    /**
     * Topic ids as the workspace lists them ({@code TopicDao}): ids that are not all digits first, then
     * all-digit ids by value (2 before 10 before 301), ties (007 and 7) by their text.
     */
    static final Comparator<String> TOPICS = TrecOrder::compareTopics;

    /**
     * trec_eval's {@code strcmp} over UTF-8 bytes, which is code point order. Java's
     * {@link String#compareTo} compares UTF-16 units, which differs for characters above U+FFFF.
     */
    static final Comparator<String> DOCNOS = TrecOrder::compareCodePoints;

    private static int compareTopics(String a, String b) {
        boolean numericA = isDigits(a);
        boolean numericB = isDigits(b);
        if (numericA != numericB) {
            return numericA ? 1 : -1;
        }
        if (numericA) {
            int byValue = new BigInteger(a).compareTo(new BigInteger(b));
            if (byValue != 0) {
                return byValue;
            }
        }
        return compareCodePoints(a, b);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
