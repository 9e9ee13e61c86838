package org.relevanceworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.AtomicFile;

/**
 * Where an export goes: a file written whole or not at all (through {@link AtomicFile}), or
 * standard output for {@code --output -}. Failures to write become one-line user errors.
 */
final class ExportOutput {
    private ExportOutput() {
    }

    static boolean isStandardOutput(Path output) {
        return output.toString().equals("-");
    }

    /** How the "wrote …" line names where an export went. */
    static String describe(Path output) {
        return isStandardOutput(output) ? "standard output" : output.toString();
    }

    static void write(Path output, PrintWriter stdout, AtomicFile.Content content) throws Exception {
        if (isStandardOutput(output)) {
            content.writeTo(stdout);
            stdout.flush();
            return;
        }
        if (Files.isDirectory(output)) {
            throw new UserException("cannot write " + output + ": it is a folder");
        }
        try {
            AtomicFile.write(output, content);
        } catch (IOException e) {
            throw cannotWrite(output, e);
        }
    }

    /** "cannot write out/qrels.txt: out is a file, not a folder", and the like. */
    static UserException cannotWrite(Path output, IOException e) {
        String reason;
        if (e instanceof FileAlreadyExistsException exists) {
            reason = exists.getFile() + " is a file, not a folder";
        } else if (e instanceof AccessDeniedException denied) {
            reason = "permission denied on " + denied.getFile();
        } else if (e instanceof NoSuchFileException missing) {
            reason = "no such file or folder " + missing.getFile();
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return new UserException("cannot write " + output + ": " + reason + "; nothing was written", e);
    }
}
