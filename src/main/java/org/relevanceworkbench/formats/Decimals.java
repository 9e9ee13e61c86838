package org.relevanceworkbench.formats;

import java.math.BigDecimal;
import org.relevanceworkbench.common.UserException;

/**
 * Numbers as exported text: the shortest decimal that reads back as the same double, never in
 * exponent notation and never rounded, so that two different p(true) values (0.99999 and
 * 0.999991) never print as one tie, and so that every reader (trec_eval's atof, spreadsheets,
 * pandas) sees the same value. Independent of the default locale: always a '.' decimal point.
 */
public final class Decimals {
    private Decimals() {
    }

    /** 1e-12 → "0.000000000001", -0.25 → "-0.25", 0.999991 → "0.999991", 3.0 → "3". */
    public static String plain(double value) {
        if (!Double.isFinite(value)) {
            throw new UserException("cannot export the non-finite number " + value);
        }
        // Double.toString gives the shortest digits that round-trip; BigDecimal re-spells them without the
        // exponent, and stripping trailing zeros drops the ".0" padding Double.toString adds ("1.0E-12").
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Integers as they are; doubles (and floats) via {@link #plain(double)}. */
    public static String plain(Number value) {
        if (value instanceof Double || value instanceof Float) {
            return plain(value.doubleValue());
        }
        return value.toString();
    }
}
