package org.relevanceworkbench.formats;

/** Where a record starts: a file as the user named it and a 1-based line (0 for the whole file). */
public record Location(String file, long line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
