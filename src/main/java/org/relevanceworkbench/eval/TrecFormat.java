package org.relevanceworkbench.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * trec_eval's printf formats: rows are {@code "%-22s\t%s\t%6.4f\n"} (floats), {@code "%-22s\t%s\t%ld\n"}
 * (counts) or {@code "%-22s\t%s\t%s\n"} (runid; relstring quoted). Java's {@code %.4f} rounds exact binary halves
 * up where C rounds them to even (0.03125 prints 0.0312 in C), so the decimal text is made here from the exact
 * value of the double.
 */
public final class TrecFormat {
    private TrecFormat() {
    }

    /** C's {@code %.Nf}: the exact binary value rounded half-to-even, minus sign kept on negative zero. */
    public static String fixed(double value, int digits) {
        if (Double.isNaN(value)) {
            return "-nan"; // what glibc prints for the NaN x86 makes of 0.0/0.0
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /** C's {@code %6.4f}. */
    public static String float4(double value) {
        return pad(fixed(value, 4), 6);
    }

    /** C's {@code %ld} of {@code (long) value}. */
    public static String count(double value) {
        return Long.toString((long) value);
    }

    /** One output row: the value name left-justified in 22 columns, a tab, the query id, a tab, the value. */
    public static String row(String name, String qid, String value) {
        StringBuilder line = new StringBuilder(name);
        while (line.length() < 22) {
            line.append(' ');
        }
        return line.append('\t').append(qid).append('\t').append(value).append('\n').toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
