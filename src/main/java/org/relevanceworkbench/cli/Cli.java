package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The one command line of the workbench. Every subcommand takes {@code --db FILE} before or after
 * its name; with no subcommand the GUI opens on that workspace. Exit codes: 0 success, 1 failure
 * (nothing imported, a file rolled back, a user error), 2 bad usage.
 */
@Command(name = "relevance-workbench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        scope = ScopeType.INHERIT, // --help and --version on every subcommand too
        description = "Instruction-sensitive relevance judging around FollowIR-7B.%n"
                + "With no command, opens the workbench window.")
public final class Cli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;

    /**
     * Every command, in the order the usage lists them. They are added to the command line by {@link Subcommands}:
     * only the one a command line names, since picocli's model of all of them (reflection over every option of some
     * 40 commands) took ~0.8 s of every start.
     */
    static final List<Class<?>> COMMANDS = List.of(ImportCommand.class, TopicsCommand.class, QrelsCommand.class,
            RunsCommand.class, SearchCommand.class, ListCommand.class, ExportCommand.class, IndexCommand.class,
            SamplesCommand.class, ScoreCommand.class, RerankCommand.class, EvaluateCommand.class,
            AttributeCommand.class, JudgeCommand.class, EvalCommand.class, PmrrCommand.class, AgreementCommand.class,
            DoctorCommand.class, ModelCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "workspace database (default: ${DEFAULT-VALUE})")
    Path db = defaultWorkspace();

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "show stack traces of errors")
    boolean verbose;

    @Option(names = "--demo", description = "open the window on the James Cameron teaching demo")
    boolean demo;

    /**
     * What {@code bench ui} measures: start-up on a workspace (null: none), and a comparison of documents × variants
     * fed pairs scores in batches (a pause between batches, in µs).
     */
    public record UiBenchRequest(Path workspace, int documents, int variants, long pairs, int batch, int pauseMicros) {
    }

    /** The window's benchmark; it lives with the window, which the command line knows nothing of. */
    @FunctionalInterface
    public interface UiBench {
        int run(UiBenchRequest request, PrintWriter out) throws Exception;
    }

    /** What the window opens on: a workspace (null: the last one used) and maybe the teaching demo. */
    public record WindowRequest(Path workspace, boolean demo) {
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Consumer<WindowRequest> gui;
    private final UiBench uiBench;

    public Cli(Consumer<WindowRequest> gui) {
        this(gui, (request, out) -> {
            throw new UserException("bench ui runs from the application jar (java -jar relevance-workbench.jar bench ui)");
        });
    }

    public Cli(Consumer<WindowRequest> gui, UiBench uiBench) {
        this.gui = gui;
        this.uiBench = uiBench;
    }

    UiBench uiBench() {
        return uiBench;
    }

    /** Where the workspace lives unless --db says otherwise. */
    public static Path defaultWorkspace() {
        return Path.of(System.getProperty("user.home"), ".relevance-workbench", "workspace.db");
    }

    /** With no --db the window reopens the last workspace it had (null); a given --db wins. */
    @Override
    public Integer call() {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--db");
        gui.accept(new WindowRequest(given ? db : null, demo));
        return OK;
    }

    Database openDatabase() {
        return Database.open(db);
    }

    /** Runs the command line; {@code gui} opens the window when no subcommand is given. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Consumer<WindowRequest> gui) {
        return run(args, out, err, gui, new Cli(gui).uiBench);
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter, Consumer)}, with the window's benchmark for bench ui. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Consumer<WindowRequest> gui,
            UiBench uiBench) {
        Cli root = new Cli(gui, uiBench);
        CommandLine commandLine = new CommandLine(root);
        Subcommands.addFor(commandLine, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, cl, parsed) -> {
            cl.getErr().println("error: " + describe(failure));
            if (root.verbose) {
                failure.printStackTrace(cl.getErr());
            } else if (!(failure instanceof UserException) && !(failure instanceof CancelledException)) {
                cl.getErr().println("(run with --verbose for details)");
            }
            cl.getErr().flush();
            return FAILED;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static String describe(Throwable failure) {
        if (failure instanceof UserException || failure instanceof CancelledException) {
            return failure.getMessage();
        }
        return "unexpected " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
