package org.relevanceworkbench.export;

import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.QrelDao;

/**
 * Which qrels an export takes: a stored set by its source name ({@code imported} or a name given at
 * import), one assessor's judgments, or the adjudicated judgments (an adjudicator's grade where they
 * judged, else the grade all assessors agree on; {@code name} is the adjudicator, or null).
 */
public record QrelsSelection(Kind kind, String name) {
    public enum Kind { SOURCE, ASSESSOR, ADJUDICATED }

    public static QrelsSelection source(String name) {
        return new QrelsSelection(Kind.SOURCE, required(name, "a qrels source"));
    }

    public static QrelsSelection assessor(String name) {
        return new QrelsSelection(Kind.ASSESSOR, required(name, "an assessor"));
    }

    public static QrelsSelection adjudicated(String adjudicatorOrNull) {
        String adjudicator = adjudicatorOrNull == null || adjudicatorOrNull.isBlank() ? null : adjudicatorOrNull.strip();
        return new QrelsSelection(Kind.ADJUDICATED, adjudicator);
    }

    /** Parses {@code imported}, {@code source:NAME}, {@code assessor:NAME} or {@code adjudicated[:ADJUDICATOR]}. */
    public static QrelsSelection parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.equals(QrelDao.IMPORTED)) {
            return source(QrelDao.IMPORTED);
        }
        if (s.equals("adjudicated")) {
            return adjudicated(null);
        }
        if (s.startsWith("adjudicated:") && s.length() > 12) {
            return adjudicated(s.substring(12));
        }
        if (s.startsWith("assessor:") && s.length() > 9) {
            return assessor(s.substring(9));
        }
        if (s.startsWith("source:") && s.length() > 7) {
            return source(s.substring(7));
        }
        throw new UserException("qrels must be imported, source:NAME, assessor:NAME or adjudicated[:ADJUDICATOR], not '"
                + spec + "'");
    }

    private static String required(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new UserException(what + " needs a non-empty name");
        }
        return name.strip();
    }

    /** For messages: "imported qrels", "assessor 'ann'", "adjudicated judgments (adjudicator 'cy')". */
    public String describe() {
        return switch (kind) {
            case SOURCE -> name.equals(QrelDao.IMPORTED) ? "imported qrels" : "qrels '" + name + "'";
            case ASSESSOR -> "assessor '" + name + "'";
            case ADJUDICATED -> "adjudicated judgments" + (name == null ? "" : " (adjudicator '" + name + "')");
        };
    }
}
