package org.relevanceworkbench.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.export.RunExport;
import org.relevanceworkbench.formats.AtomicFile;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.store.Database;

/**
 * Writes an evaluation's folder, each file whole or not at all: {@code og.run} and {@code changed.run} (TREC runs of
 * the topics evaluated, in trec_eval's order, as {@code export run} writes them), {@code summary.json} and
 * {@code per_topic.tsv}.
 */
public final class EvaluateOutput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluateOutput() {
    }

    public static void write(Path dir, EvaluateReport report, Database db) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UserException(dir + " is a file, not a folder");
            }
            Files.createDirectories(dir);
            Set<String> topics = report.topics().stream().map(TopicOutcome::topicId).collect(Collectors.toSet());
            EvaluateRequest r = report.request();
            RunExport runs = new RunExport(db);
            RunExport.Prepared og = runs.prepare(report.collection(), r.runOf(r.ogVariant()), r.ogVariant(), null)
                    .only(topics);
            RunExport.Prepared changed = runs.prepare(report.collection(), r.runOf(r.changedVariant()),
                    r.changedVariant(), null).only(topics);
            AtomicFile.write(dir.resolve(r.ogVariant() + ".run"), og::writeTo);
            AtomicFile.write(dir.resolve(r.changedVariant() + ".run"), changed::writeTo);
            AtomicFile.write(dir.resolve("summary.json"), w -> w.write(JSON.writeValueAsString(summary(report)) + "\n"));
            AtomicFile.write(dir.resolve("per_topic.tsv"), w -> perTopic(report, w));
        } catch (UserException e) {
            throw e;
        } catch (IOException e) {
            throw new UserException("cannot write " + dir + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new UserException("cannot write " + dir + ": " + e, e);
        }
    }

    /** The summary as JSON: FollowIR's table row, the counts and the provenance. NaN becomes null. */
    static ObjectNode summary(EvaluateReport report) {
        EvaluateRequest r = report.request();
        ObjectNode s = JSON.createObjectNode();
        s.put("collection", report.collection());
        s.put("og_variant", r.ogVariant());
        s.put("changed_variant", r.changedVariant());
        s.put("qrels", r.qrelsSource());
        number(s, "p_mrr", report.pMrr());
        number(s, "og_map", report.og().map());
        number(s, "og_ndcg_at_5", report.og().ndcgAt5());
        s.put("topics", report.topics().size());
        s.put("topics_with_changed_documents", report.pmrr().topics().size());
        s.put("changed_documents", report.pmrr().changedDocuments());
        s.put("topics_scored_on_og_qrels", report.og().topics());
        ArrayNode skipped = s.putArray("topics_left_out");
        for (TopicOutcome t : report.skipped()) {
            skipped.addObject().put("topic", t.topicId()).put("why", t.note());
        }
        s.put("pairs", report.pairs());
        s.put("pairs_from_cache", report.fromCache());
        s.put("pairs_scored", report.scored());
        s.put("approximate", report.approximate());
        s.put("candidates", r.candidates() == null ? "top_ranked run, else " + EvaluateService.FALLBACK
                : r.candidates().toString());
        s.putObject("runs").put("og", r.runOf(r.ogVariant())).put("changed", r.runOf(r.changedVariant()));
        Provenance p = report.provenance();
        s.put("backend", p.backendKey());
        s.put("model", p.model());
        s.put("model_fingerprint", p.fingerprint());
        s.put("dtype", p.dtype());
        s.put("max_length", p.maxLength());
        s.put("special_tokens", p.specialTokens());
        s.put("template_hash", p.templateHash());
        if (p.server() == null) {
            s.putNull("server");
        } else {
            ObjectNode server = s.putObject("server");
            server.put("route", p.server().route()).put("engine", p.server().engine()).put("version",
                    p.server().version()).put("model", p.server().modelId());
            ArrayNode urls = server.putArray("urls");
            p.server().urls().forEach(urls::add);
        }
        s.put("created", Instant.now().toString());
        return s;
    }

    private static void number(ObjectNode s, String key, double value) {
        if (Double.isNaN(value)) {
            s.putNull(key);
        } else {
            s.put(key, value);
        }
    }

    private static final List<String> COLUMNS = List.of("topic", "status", "candidates", "documents", "p_mrr",
            "changed_documents", "og_ap", "og_ndcg_at_5", "pairs_from_cache", "pairs_scored", "note");

    static void perTopic(EvaluateReport report, Writer out) throws IOException {
        out.write(String.join("\t", COLUMNS) + "\n");
        for (TopicOutcome t : report.topics()) {
            out.write(String.join("\t", t.topicId(), "evaluated", t.candidates(), Integer.toString(t.documents()),
                    t.pmrr() == null ? "" : decimal(t.pmrr().value()),
                    t.pmrr() == null ? "0" : Integer.toString(t.pmrr().documents().size()),
                    t.og() == null || t.og().topics() == 0 ? "" : decimal(t.og().map()),
                    t.og() == null || t.og().topics() == 0 ? "" : decimal(t.og().ndcgAt5()),
                    Integer.toString(t.fromCache()), Integer.toString(t.scored()), "") + "\n");
        }
        for (TopicOutcome t : report.skipped()) {
            out.write(String.join("\t", t.topicId(), "left out", "", "0", "", "0", "", "", "0", "0",
                    t.note().replace('\t', ' ')) + "\n");
        }
    }

    private static String decimal(double v) {
        return String.format(Locale.US, "%.6f", v);
    }
}
