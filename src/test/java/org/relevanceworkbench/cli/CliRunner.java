package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process, capturing what it prints and whether it opened the window. */
final class CliRunner {
    final List<Path> guiOpenedOn = new ArrayList<>();
    final List<Boolean> guiDemo = new ArrayList<>();

    record Result(int exitCode, String out, String err) {
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), window -> {
            guiOpenedOn.add(window.workspace());
            guiDemo.add(window.demo());
        });
        return new Result(code, out.toString(), err.toString());
    }
}
