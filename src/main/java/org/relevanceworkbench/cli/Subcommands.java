package org.relevanceworkbench.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Adds to the root command line the commands a command line needs (see {@link #need}). The command line behaves as
 * with all of them added — the same parse, the same errors, the same usage — but picocli reflects over one command's
 * options, or none, instead of some 40 commands' ({@code --version} took 1.0 s, ~0.85 s of it building that model;
 * {@code list collections} on a small workspace 1.7 s, now 0.8 s; the window opened that much later too).
 */
final class Subcommands {
    /** The root's options that take a value, as separate words ({@code --db FILE}). */
    private static final List<String> ROOT_OPTIONS_WITH_VALUE = List.of("--db");

    private Subcommands() {
    }

    static void addFor(CommandLine root, String[] args) {
        Need need = need(args);
        for (Class<?> command : Cli.COMMANDS) {
            if (need.all() || command == need.command()) {
                root.addSubcommand(command);
            }
        }
    }

    /** The commands a command line needs: one, all, or (command null, all false) none. */
    record Need(Class<?> command, boolean all) {
    }

    /**
     * One command when the first word is a command's name. Every command when the first word is none (a typo, for
     * picocli's "did you mean", or {@code help}) or the usage is asked for. None for the window or {@code --version}.
     */
    static Need need(String[] args) {
        boolean usage = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return new Need(null, true);
            }
            if (arg.startsWith("-")) {
                usage |= arg.equals("-h") || arg.equals("--help");
                if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                    i++;
                }
                continue;
            }
            for (Class<?> command : Cli.COMMANDS) {
                Command annotation = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class && (annotation.name().equals(arg)
                        || List.of(annotation.aliases()).contains(arg))) {
                    return new Need(command, false);
                }
            }
            return new Need(null, true);
        }
        return new Need(null, usage);
    }
}
