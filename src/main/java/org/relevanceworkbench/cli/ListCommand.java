package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunSummary;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", description = "List collections, topics or runs.")
final class ListCommand extends WorkspaceCommand {
    enum What { collections, topics, runs }

    @Parameters(index = "0", paramLabel = "WHAT", description = "collections, topics or runs")
    What what;

    @Option(names = "--collection", paramLabel = "NAME", description = "only this collection")
    String collection;

    @Override
    protected int run(Database db) throws Exception {
        List<Collection> collections = collections(db, collection);
        PrintWriter out = out();
        switch (what) {
            case collections -> {
                out.println(String.format(Locale.US, "%-24s %10s %10s %7s %7s %5s", "collection", "documents",
                        "indexed", "topics", "qrels", "runs"));
                for (Collection c : collections) {
                    CollectionStats s = db.read(conn -> new CollectionDao(conn).stats(c));
                    out.println(String.format(Locale.US, "%-24s %10d %10d %7d %7d %5d", c.name(), s.documents(),
                            s.indexedDocuments(), s.topics(), s.qrels(), s.runs()));
                }
            }
            case topics -> {
                for (Collection c : collections) {
                    for (Topic t : db.read(conn -> new TopicDao(conn).list(c.id()))) {
                        out.println(c.name() + "\t" + t.topicId() + "\t" + t.query() + "\t["
                                + String.join(", ", t.variants().stream().map(Variant::name).toList()) + "]");
                    }
                }
            }
            case runs -> {
                for (Collection c : collections) {
                    for (RunSummary r : db.read(conn -> new RunDao(conn).list(c.id()))) {
                        out.println(String.format(Locale.US, "%s\t%s\t%s\t%d topics\t%d scores\t%s\t%s", c.name(),
                                r.run().name(), r.run().scorer(), r.topics(), r.scores(), r.run().createdAt(),
                                origin(r)));
                    }
                }
            }
        }
        return Cli.OK;
    }

    /** Where a run's scores came from: the file, the local model, or the servers; and how many are approximate. */
    static String origin(RunSummary r) {
        Run run = r.run();
        String where;
        if (run.server() != null) {
            Run.Server s = run.server();
            where = (s.version() == null ? s.engine() : s.engine() + " " + s.version()) + " " + s.model() + " at "
                    + String.join(" ", s.urls()) + " (" + s.route() + ", " + run.dtype() + ")";
        } else if ("local".equals(run.backend())) {
            where = "local " + run.source() + " (" + run.dtype() + ")";
        } else if ("bm25".equals(run.backend())) {
            where = "bm25 baseline";
        } else {
            where = "imported from " + run.source();
        }
        return r.approximate() == 0 ? where : where + ", " + r.approximate() + " approximate";
    }
}
