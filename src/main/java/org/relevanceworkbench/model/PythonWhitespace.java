package org.relevanceworkbench.model;

/**
 * Python's {@code str.isspace()} and {@code str.strip()} (no argument), because the FollowIR prompt is defined by
 * Python code: {@code (query + " " + instruction).strip()}. Java's {@link String#strip()} uses a different set
 * ({@link Character#isWhitespace}) that keeps U+00A0, U+2007, U+202F and U+0085, which Python strips.
 */
public final class PythonWhitespace {
    private PythonWhitespace() {
    }

    /**
     * Whether {@code codePoint} is whitespace for Python 3's {@code str.isspace()}: bidirectional class WS, B or S,
     * or general category Zs. The set (29 code points, all in the BMP) has been stable since Unicode 6.3.
     */
    public static boolean isSpace(int codePoint) {
        return switch (codePoint) {
            case '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680,
                    0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> codePoint >= 0x2000 && codePoint <= 0x200A;
        };
    }

    /** Python's {@code s.strip()}: removes leading and trailing {@link #isSpace} characters. */
    public static String strip(String s) {
        int start = 0;
        int end = s.length();
        // Every Python whitespace character is a single UTF-16 unit, and no surrogate is whitespace,
        // so walking chars is the same as walking code points here.
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
