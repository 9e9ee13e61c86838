package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A subcommand that works on the workspace given by the root's --db. */
abstract class WorkspaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The root command, whose --db and --verbose every subcommand shares, at whatever depth it sits. */
    protected Cli root() {
        return (Cli) spec.root().userObject();
    }

    protected abstract int run(Database db) throws Exception;

    @Override
    public final Integer call() throws Exception {
        try (Database db = root().openDatabase()) {
            return run(db);
        }
    }

    /** The named collection, or every collection of the workspace when no name is given. */
    protected static List<Collection> collections(Database db, String nameOrNull) {
        return db.read(c -> nameOrNull == null ? new CollectionDao(c).all()
                : List.of(new CollectionDao(c).require(nameOrNull)));
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
