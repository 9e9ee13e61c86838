package org.relevanceworkbench.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;

/**
 * The judging loop of the CLI in child JVMs: killed with SIGKILL at random points many times, the
 * workspace stays intact and holds every judgment that was acknowledged; and two processes judging
 * into one workspace at once lose nothing.
 */
class JudgingCrashTest {
    @TempDir
    Path dir;
    Path workspace;
    List<String> docs;

    @BeforeEach
    void workspace() {
        workspace = dir.resolve("ws.db");
        try (Database db = Database.open(workspace)) {
            new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        }
        docs = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            docs.add(String.format("TM101-%02d", i));
        }
    }

    /** A judging loop in its own JVM, answering 'ack' for each committed line. */
    private final class Judge implements AutoCloseable {
        final Process process;
        final PrintWriter in;
        final BufferedReader out;

        Judge(String assessor) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                    "org.relevanceworkbench.Launcher", "--db", workspace.toString(), "judge", "--loop", "--collection",
                    "trec-mini", "--topic", "101", "--variant", "og", "--assessor", assessor)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertThat(ready).startsWith("ready ");
        }

        /** Sends a judgment and waits for its acknowledgement. */
        void judge(String doc, int grade) throws Exception {
            in.println(doc + " " + grade);
            assertThat(out.readLine()).isEqualTo("ack " + doc + " " + grade);
        }

        void kill() throws Exception {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback in Java, no close
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            in.close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
    }

    @Test
    void killedAtRandomPointsTheWorkspaceKeepsEveryAcknowledgedJudgment() throws Exception {
        Random random = new Random(2026);
        Map<String, Integer> acknowledged = new HashMap<>();
        Map<String, Integer> inFlight = new HashMap<>(); // sent, maybe committed, never acknowledged
        for (int round = 0; round < 8; round++) {
            Judge judge = new Judge("ann");
            for (int i = random.nextInt(6); i >= 0; i--) {
                String doc = docs.get(random.nextInt(docs.size()));
                int grade = random.nextInt(3);
                judge.judge(doc, grade);
                acknowledged.put(doc, grade);
                inFlight.remove(doc);
            }
            String doc = docs.get(random.nextInt(docs.size()));
            int grade = random.nextInt(3);
            judge.in.println(doc + " " + grade); // killed while this one may be half way through its transaction
            inFlight.put(doc, grade);
            Thread.sleep(random.nextInt(15));
            judge.kill();
        }
        try (Database db = Database.open(workspace)) {
            String integrity = db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    return rs.getString(1);
                }
            });
            assertThat(integrity).isEqualTo("ok");
            Collection mini = db.read(c -> new CollectionDao(c).require("trec-mini"));
            Map<String, Integer> stored = new HashMap<>();
            for (Judgment j : db.read(c -> new JudgmentDao(c).list(mini.id(), "101", "og"))) {
                stored.put(j.docId(), j.grade());
            }
            assertThat(acknowledged).isNotEmpty();
            acknowledged.forEach((doc, grade) -> {
                if (inFlight.containsKey(doc)) {
                    assertThat(stored.get(doc)).as(doc).isIn(grade, inFlight.get(doc));
                } else {
                    assertThat(stored.get(doc)).as(doc).isEqualTo(grade);
                }
            });
        }
    }

    @Test
    void twoProcessesJudgingOneWorkspaceAtOnceLoseNothing() throws Exception {
        try (Judge ann = new Judge("ann"); Judge bob = new Judge("bob")) {
            for (int i = 0; i < docs.size(); i++) {
                ann.in.println(docs.get(i) + " " + (i % 3));
                bob.in.println(docs.get(docs.size() - 1 - i) + " " + (2 - i % 3));
            }
            for (int i = 0; i < docs.size(); i++) {
                assertThat(ann.out.readLine()).startsWith("ack ");
                assertThat(bob.out.readLine()).startsWith("ack ");
            }
        }
        try (Database db = Database.open(workspace)) {
            Collection mini = db.read(c -> new CollectionDao(c).require("trec-mini"));
            List<Judgment> all = db.read(c -> new JudgmentDao(c).list(mini.id(), "101", "og"));
            assertThat(all).hasSize(2 * docs.size());
            assertThat(all.stream().filter(j -> j.assessor().equals("bob") && j.docId().equals("TM101-22")))
                    .singleElement().extracting(Judgment::grade).isEqualTo(2);
        }
    }
}
