package org.relevanceworkbench.formats;

/** Line-per-record text formats (TREC qrels and runs, BEIR qrels): blank and {@code #} lines are skipped. */
final class Columns {
    private Columns() {
    }

    @FunctionalInterface
    interface LineHandler<R> {
        void handle(String[] columns, String line, Location at, RecordSink<R> sink) throws Exception;
    }

    /** Splits each line on runs of whitespace, as trec_eval does. */
    static <R> void readWhitespace(SourceFile source, RecordSink<R> sink, LineHandler<R> handler) throws Exception {
        read(source, sink, handler, "\\s+");
    }

    static <R> void read(SourceFile source, RecordSink<R> sink, LineHandler<R> handler, String separator)
            throws Exception {
        LineReader.forEachLine(source, sink, (line, at, s) -> {
            String stripped = line.strip();
            if (!stripped.startsWith("#")) { // trec_eval's test files carry '#' comment lines
                handler.handle(separator.equals("\\s+") ? stripped.split(separator) : line.split(separator, -1),
                        line, at, s);
            }
        });
    }

    static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A relevance grade: an integer, or a number with no fractional part ("1.0", as pandas writes). */
    static Integer parseGrade(String value) {
        Integer exact = parseInt(value);
        if (exact != null) {
            return exact;
        }
        Double real = parseDouble(value);
        if (real != null && real == Math.rint(real) && Math.abs(real) < 1e9) {
            return (int) (double) real;
        }
        return null;
    }

    /** A finite number in the C locale; null for anything else. */
    static Double parseDouble(String value) {
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
