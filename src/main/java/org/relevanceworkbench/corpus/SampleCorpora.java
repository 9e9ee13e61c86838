package org.relevanceworkbench.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;

/**
 * The corpora bundled with the app ({@code sample-corpora/}), described by its
 * {@code samples.json}. Loading imports each sample that is not in the workspace yet, through the
 * same importers as user files, so the samples also prove the importers on every start.
 */
public final class SampleCorpora {
    static final String ROOT = "/sample-corpora/";

    /** One bundled corpus: its collection name and files, relative to {@code sample-corpora/}. */
    public record Sample(String collection, String description, List<String> documents, List<String> topics,
            List<String> qrels) {
    }

    /** What loading did to one sample. */
    public record Loaded(String collection, boolean alreadyPresent, List<ImportResult> results) {
    }

    private final Database db;

    public SampleCorpora(Database db) {
        this.db = db;
    }

    public static List<Sample> bundled() {
        try (InputStream in = SampleCorpora.class.getResourceAsStream(ROOT + "samples.json")) {
            if (in == null) {
                throw new UserException("this build has no sample corpora (sample-corpora/samples.json is missing)");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Sample> out = new ArrayList<>();
            for (JsonNode s : root.get("samples")) {
                out.add(new Sample(s.get("collection").asText(), s.path("description").asText(""),
                        strings(s.get("documents")), strings(s.get("topics")), strings(s.get("qrels"))));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UserException("the bundled sample-corpora/samples.json is unreadable: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return List.copyOf(out);
    }

    /** Imports every bundled sample missing from the workspace and builds its BM25 index. */
    public List<Loaded> loadMissing(ImportListener listener, FtsIndexer.Listener indexListener,
            CancellationToken cancel) {
        List<Loaded> out = new ArrayList<>();
        ImportService importer = new ImportService(db);
        for (Sample sample : bundled()) {
            boolean present = db.read(c -> new CollectionDao(c).find(sample.collection()).isPresent());
            if (present) {
                out.add(new Loaded(sample.collection(), true, List.of()));
                continue;
            }
            ImportOptions options = ImportOptions.defaults();
            List<ImportResult> results = new ArrayList<>();
            results.add(importer.importDocuments(sample.collection(), resources(sample.documents()), options,
                    listener, cancel));
            results.add(importer.importTopics(sample.collection(), resources(sample.topics()), options, listener,
                    cancel));
            results.add(importer.importQrels(sample.collection(), resources(sample.qrels()), options, listener,
                    cancel));
            Collection collection = db.read(c -> new CollectionDao(c).require(sample.collection()));
            new FtsIndexer(db).indexPending(collection, indexListener, cancel);
            out.add(new Loaded(sample.collection(), false, List.copyOf(results)));
        }
        return out;
    }

    private static List<SourceFile> resources(List<String> files) {
        return files.stream().map(f -> SourceFile.ofResource(ROOT + f)).toList();
    }
}
