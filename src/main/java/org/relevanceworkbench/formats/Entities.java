package org.relevanceworkbench.formats;

import java.util.Map;

/**
 * Character references in TREC's SGML and XML files: XML's five, numeric ones, and the
 * typographic entities FR94 and CR use, and the web's {@code &nbsp;}. Anything else is left as written, so that an entity we
 * do not know stays visible to the judge instead of vanishing.
 */
final class Entities {
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("quot", "\""), Map.entry("apos", "'"),
            Map.entry("hyphen", "-"), Map.entry("blank", " "), Map.entry("sect", "§"),
            Map.entry("para", "¶"), Map.entry("mdash", "—"), Map.entry("ndash", "–"),
            Map.entry("cent", "¢"), Map.entry("times", "×"), Map.entry("deg", "°"),
            Map.entry("rsquo", "’"), Map.entry("lsquo", "‘"), Map.entry("rdquo", "”"),
            Map.entry("ldquo", "“"), Map.entry("nbsp", " "));

    /** Longer than any name above or any numeric reference, counting the '&'. */
    private static final int MAX_REFERENCE = 12;

    private Entities() {
    }

    static String decode(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        while (amp >= 0) {
            int semicolon = semicolonAfter(s, amp);
            String value = semicolon > amp + 1 ? resolve(s.substring(amp + 1, semicolon)) : null;
            if (value != null) {
                out.append(s, copied, amp).append(value);
                copied = semicolon + 1;
            }
            amp = s.indexOf('&', value != null ? copied : amp + 1);
        }
        return out.append(s, copied, s.length()).toString();
    }

    /** The ';' closing a reference at {@code amp}, or -1; looks no further than a reference can reach. */
    private static int semicolonAfter(String s, int amp) {
        int limit = Math.min(s.length(), amp + MAX_REFERENCE + 1);
        for (int i = amp + 1; i < limit; i++) {
            char c = s.charAt(i);
            if (c == ';') {
                return i;
            }
            if (c == '&') {
                return -1;
            }
        }
        return -1;
    }

    private static String resolve(String name) {
        if (name.charAt(0) != '#') {
            return NAMED.get(name);
        }
        boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
        String digits = name.substring(hex ? 2 : 1);
        if (digits.isEmpty()) {
            return null;
        }
        int codePoint;
        try {
            codePoint = Integer.parseInt(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return null;
        }
        boolean usable = codePoint > 0 && Character.isValidCodePoint(codePoint)
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
        return usable ? Character.toString(codePoint) : null;
    }
}
