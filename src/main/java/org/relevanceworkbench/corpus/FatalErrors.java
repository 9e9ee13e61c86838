package org.relevanceworkbench.corpus;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.zip.ZipException;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns what stopped a file's import into the one line users read. */
final class FatalErrors {
    private FatalErrors() {
    }

    static String describe(String file, Throwable failure) {
        return file + ": " + cause(failure) + "; nothing from this file was stored";
    }

    static String cause(Throwable failure) {
        if (failure instanceof CancelledException) {
            return "import cancelled";
        }
        if (failure instanceof StrictModeViolation strict) {
            return "bad record at line " + strict.problem().at().line() + " (" + strict.problem().message()
                    + ") and --strict is on";
        }
        if (failure instanceof UserException) {
            return failure.getMessage();
        }
        if (failure instanceof NoSuchFileException || failure instanceof FileNotFoundException) {
            return "no such file";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof EOFException) {
            return "the file ends unexpectedly (truncated gzip?)";
        }
        if (failure instanceof ZipException) {
            return "corrupt gzip data (" + failure.getMessage() + ")";
        }
        if (failure instanceof IOException) {
            return "cannot read it (" + failure.getMessage() + ")";
        }
        if (failure instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_FULL) {
                return "the disk is full (or the database reached its size limit)";
            }
            if (code.name().startsWith("SQLITE_IOERR")) {
                return "disk I/O error while writing the workspace";
            }
            if (code.name().startsWith("SQLITE_BUSY")) {
                return "the workspace stayed locked by another program";
            }
        }
        if (failure instanceof SQLException) {
            return "database error (" + failure.getMessage() + ")";
        }
        return "unexpected " + failure.getClass().getSimpleName() + (failure.getMessage() == null ? ""
                : " (" + failure.getMessage() + ")");
    }
}
