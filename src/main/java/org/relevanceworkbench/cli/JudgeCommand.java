package org.relevanceworkbench.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.judge.JudgingSession;
import org.relevanceworkbench.judge.JudgingSetup;
import org.relevanceworkbench.judge.QueueItem;
import org.relevanceworkbench.judge.QueueOrder;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "judge", description = {
    "Record relevance judgments from scripts.",
    "One judgment: --doc D --grade G [--note N]. A judging loop: --loop reads lines '<doc> <grade> [note]' or",
    "'undo' from standard input and answers 'ack …' once each is committed (what the window does, headless)."})
final class JudgeCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--topic", required = true, paramLabel = "ID")
    String topic;

    @Option(names = "--variant", defaultValue = "og", paramLabel = "NAME", description = "default ${DEFAULT-VALUE}")
    String variant;

    @Option(names = "--assessor", required = true, paramLabel = "NAME")
    String assessor;

    @Option(names = "--doc", paramLabel = "ID", description = "the document judged (without --loop)")
    String doc;

    @Option(names = "--grade", paramLabel = "G", description = "the grade (without --loop), e.g. 0, 1, 2")
    Integer grade;

    @Option(names = "--note", paramLabel = "TEXT")
    String note;

    @Option(names = "--seconds", defaultValue = "0", paramLabel = "S", description = "time spent, in seconds")
    double seconds;

    @Option(names = "--loop", description = "read judgments from standard input until it ends")
    boolean loop;

    @Option(names = "--candidates", defaultValue = "all", paramLabel = "SPEC",
            description = "with --loop: the queue's documents (default ${DEFAULT-VALUE})")
    String candidates;

    @Option(names = "--order", defaultValue = "collection", paramLabel = "ORDER",
            description = "with --loop: model-score, uncertainty, collection or blind (default ${DEFAULT-VALUE})")
    String order;

    @Option(names = "--post-edit", description = "with --loop: start each document from the model's label (from the"
            + " followir-VARIANT run), recorded as the post-edit condition")
    boolean postEdit;

    @Override
    protected int run(Database db) throws Exception {
        if (loop) {
            return loop(db);
        }
        if (doc == null || grade == null) {
            throw new UserException("give --doc and --grade, or --loop");
        }
        Collection target = db.read(c -> new CollectionDao(c).require(collection));
        Topic t = db.read(c -> new TopicDao(c).find(target.id(), topic)).orElseThrow(
                () -> new UserException("collection '" + collection + "' has no topic '" + topic + "'"));
        if (t.variant(variant).isEmpty()) {
            throw new UserException("topic '" + topic + "' has no variant '" + variant + "'");
        }
        if (db.read(c -> new DocumentDao(c).find(target.id(), doc)).isEmpty()) {
            throw new UserException("collection '" + collection + "' has no document '" + doc + "'");
        }
        db.write(c -> {
            new JudgmentDao(c).record(target.id(), new Judgment(assessor, topic, variant, doc, grade, note, seconds, null));
            return null;
        });
        out().println("judged " + doc + " as " + grade + " for topic " + topic + " (" + variant + ") by " + assessor);
        return Cli.OK;
    }

    /** The headless judging loop: each acknowledged line is on disk before its 'ack' is printed. */
    private int loop(Database db) throws Exception {
        JudgingSession session = JudgingSession.open(db, new JudgingSetup(collection, topic, variant, assessor,
                CandidateSpec.parse(candidates), QueueOrder.parse(order), 0, null, false, postEdit));
        Map<String, Integer> position = session.items().stream().collect(Collectors.toMap(QueueItem::docId,
                item -> session.items().indexOf(item), (a, b) -> a));
        PrintWriter out = out();
        out.println("ready " + session.judgedCount() + "/" + session.items().size() + " judged, next "
                + session.current().docId() + shown(session));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.strip().split("\\s+", 3);
            if (parts[0].isEmpty()) {
                continue;
            }
            if (parts[0].equals("undo")) {
                out.println(session.undo() ? "ack undo" : "nothing to undo");
            } else {
                out.println(judgeLine(session, position::get, parts));
            }
            out.flush();
        }
        return Cli.OK;
    }

    /** What the assessor is shown of the model for the next document: its p(true), or the label to post-edit. */
    private static String shown(JudgingSession session) {
        Double p = session.current().pTrue();
        if (p == null) {
            return "";
        }
        return session.startingGrade().map(g -> " (model label " + g + ")")
                .orElse(String.format(java.util.Locale.US, " (model p=%.4f)", p));
    }

    private static String judgeLine(JudgingSession session, Function<String, Integer> position, String[] parts) {
        Integer at = position.apply(parts[0]);
        if (at == null || parts.length < 2) {
            return "error: expected '<doc> <grade> [note]' with a document of the queue";
        }
        int g;
        try {
            g = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return "error: grade '" + parts[1] + "' is not an integer";
        }
        session.moveTo(at);
        Judgment j = session.judge(g, parts.length > 2 ? parts[2] : null);
        return "ack " + j.docId() + " " + j.grade() + Optional.ofNullable(j.note()).map(n -> " " + n).orElse("");
    }
}
