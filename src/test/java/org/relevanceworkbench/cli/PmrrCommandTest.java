package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

/**
 * {@code pmrr} from files and from a workspace, on the same data: topic 301's d1 goes from rank 1 to 4
 * (p = 1 − 1/4 = 0.75) and d2 stays second (p = 0), so 301 = 0.375; topic 302's d9 goes from rank 1
 * to 2 (p = 1 − 1/2 = 0.5). p-MRR = (0.375 + 0.5) / 2 = 0.4375.
 */
class PmrrCommandTest {
    private static final String OG_RUN = """
            301 Q0 d1 1 0.9 og
            301 Q0 d2 2 0.8 og
            301 Q0 d3 3 0.7 og
            301 Q0 d4 4 0.6 og
            302 Q0 d9 1 0.9 og
            302 Q0 d8 2 0.1 og
            """;
    private static final String CHANGED_RUN = """
            301 Q0 d3 1 0.9 changed
            301 Q0 d2 2 0.8 changed
            301 Q0 d4 3 0.7 changed
            301 Q0 d1 4 0.1 changed
            302 Q0 d8 1 0.9 changed
            302 Q0 d9 2 0.1 changed
            """;
    private static final String MEAN = "p-MRR  all  0.4375 (43.75 ×100)  2 topics, 3 changed documents";
    /** The og run ranks every og-relevant document first in both topics. */
    private static final String OG = "og run on og qrels: MAP 1.0000, nDCG@5 1.0000 (2 topics)";

    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();

    private String[] files(String ogRun, String changedRun) throws Exception {
        Path og = write(dir.resolve("og.run"), ogRun);
        Path changed = write(dir.resolve("changed.run"), changedRun);
        Path ogQrels = write(dir.resolve("qrels.og.txt"), "301 0 d1 1\n301 0 d2 1\n302 0 d9 1\n302 0 d8 0\n");
        Path changedQrels = write(dir.resolve("changed.tsv"),
                "query-id\tcorpus-id\tscore\n301\td1\t0\n301\td2\t0\n302\td9\t0\n");
        return new String[] {"pmrr", "--og-run", og.toString(), "--changed-run", changed.toString(),
            "--og-qrels", ogQrels.toString(), "--changed-qrels", changedQrels.toString()};
    }

    @Test
    void filesGiveTheMeanAndWithQTheTopics() throws Exception {
        String[] args = files(OG_RUN, CHANGED_RUN);
        CliRunner.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(MEAN, OG);
        CliRunner.Result perQuery = cli.run(append(args, "-q"));
        assertThat(perQuery.out().lines()).containsExactly(
                "p-MRR  301  0.3750 (37.50 ×100)  2 changed documents",
                "p-MRR  302  0.5000 (50.00 ×100)  1 changed document",
                MEAN, OG);
        assertThat(perQuery.err()).isEmpty();
    }

    @Test
    void oneFileWithMtebQueryIdsServesAsBothRuns() throws Exception {
        String both = OG_RUN.replaceAll("(?m)^(30\\d) ", "$1-og ")
                + CHANGED_RUN.replaceAll("(?m)^(30\\d) ", "$1-changed ");
        Path run = write(dir.resolve("both.run"), both);
        String[] args = files(OG_RUN, CHANGED_RUN);
        args[2] = run.toString();
        args[4] = run.toString();
        CliRunner.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(MEAN, OG);
    }

    @Test
    void aMalformedLineIsAOneLineUserErrorWithItsFileAndLine() throws Exception {
        String[] args = files(OG_RUN.replace("301 Q0 d3 3 0.7 og", "301 Q0 d3 3 0.7"), CHANGED_RUN);
        CliRunner.Result r = cli.run(args);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly(
                "error: " + dir.resolve("og.run") + ":3: expected 6 columns (topic Q0 docno rank score tag), found 5");
        CliRunner.Result twice = cli.run(files(OG_RUN + "301 Q0 d1 9 0.1 og\n", CHANGED_RUN));
        assertThat(twice.err().lines()).containsExactly("error: " + dir.resolve("og.run")
                + ":7: document 'd1' is listed again for topic '301' (first at line 1)");
        String[] missing = files(OG_RUN, CHANGED_RUN);
        missing[8] = dir.resolve("nope.tsv").toString();
        assertThat(cli.run(missing).err().lines())
                .containsExactly("error: " + dir.resolve("nope.tsv") + ": no such file");
    }

    @Test
    void filesAndWorkspaceOptionsDoNotMix() throws Exception {
        CliRunner.Result neither = cli.run("pmrr", "--og-run", "a", "--changed-run", "b");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give --og-qrels and --changed-qrels (run files) or --collection");
        CliRunner.Result both = cli.run(append(files(OG_RUN, CHANGED_RUN), "--collection", "c"));
        assertThat(both.exitCode()).isEqualTo(2);
    }

    @Test
    void workspaceRunsAndQrelsGiveTheSameNumbers() {
        Path db = dir.resolve("ws.db");
        try (Database workspace = Database.open(db)) {
            workspace.write(c -> {
                Collection films = new CollectionDao(c).create("films");
                try (QrelDao.Upserter qrels = new QrelDao(c).upserter(films.id(), QrelDao.IMPORTED)) {
                    qrels.upsert("301", "og", "d1", 1);
                    qrels.upsert("301", "og", "d2", 1);
                    qrels.upsert("302", "og", "d9", 1);
                    qrels.upsert("301", "changed", "d1", 0);
                    qrels.upsert("301", "changed", "d2", 0);
                    qrels.upsert("302", "changed", "d9", 0);
                }
                store(new RunDao(c), films, "followir-og", "og", OG_RUN);
                store(new RunDao(c), films, "followir-changed", "changed", CHANGED_RUN);
                return null;
            });
        }
        CliRunner.Result r = cli.run("--db", db.toString(), "pmrr", "--collection", "films", "--og-run", "followir-og",
                "--changed-run", "followir-changed", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "p-MRR  301  0.3750 (37.50 ×100)  2 changed documents",
                "p-MRR  302  0.5000 (50.00 ×100)  1 changed document",
                MEAN, OG);
        CliRunner.Result unknown = cli.run("--db", db.toString(), "pmrr", "--collection", "films", "--og-run", "bm25",
                "--changed-run", "followir-changed");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines()).containsExactly(
                "error: collection 'films' has no run named 'bm25' (runs: followir-changed, followir-og)");
        CliRunner.Result wrongVariant = cli.run("--db", db.toString(), "pmrr", "--collection", "films", "--og-run",
                "followir-changed", "--changed-run", "followir-changed");
        assertThat(wrongVariant.err().lines()).containsExactly("error: run 'followir-changed' has no og scores for "
                + "any topic of the qrels (wrong run or variant?)");
        CliRunner.Result noSource = cli.run("--db", db.toString(), "pmrr", "--collection", "films", "--og-run",
                "followir-og", "--changed-run", "followir-changed", "--qrels-source", "judged:ann");
        assertThat(noSource.err().lines()).containsExactly(
                "error: collection 'films' has no og qrels from source 'judged:ann' (qrels sources: imported)");
    }

    /** Stores the lines of a TREC run as a FollowIR run's rows of one variant. */
    private static void store(RunDao runs, Collection c, String name, String variant, String trec) throws Exception {
        Run run = runs.create(c.id(),
                new Run(0, name, "followir", "sha256:x", "t", "fp32", 2048, "control", "m", null));
        try (RunDao.Inserter inserter = runs.inserter(run.id())) {
            for (String line : trec.strip().split("\n")) {
                String[] cols = line.split(" ");
                inserter.insert(RunScore.ranked(cols[0], variant, cols[2], Integer.parseInt(cols[3]),
                        Double.parseDouble(cols[4])));
            }
        }
    }

    private static String[] append(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }
}
