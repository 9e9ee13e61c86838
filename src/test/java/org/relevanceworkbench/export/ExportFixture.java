package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;

/**
 * A workspace with collection "films": six documents (one titled like a spreadsheet formula), topics
 * 10 and 2 with og and changed instructions, imported qrels for both variants, FollowIR-like runs
 * followir-og and followir-changed (with a tie, a score of 1e-12 and two scores a rounding would
 * merge), a run imported as an order only, and judgments by ann, bob and the adjudicator cy.
 */
final class ExportFixture implements AutoCloseable {
    static final String FILMS = "films";

    final Path dir;
    final Database db;
    final ImportService imports;
    final Collection films;

    ExportFixture(Path dir) throws Exception {
        this.dir = dir;
        db = Database.open(dir.resolve("ws.db"));
        imports = new ImportService(db);
        ok(imports.importDocuments(FILMS, sources(write(dir.resolve("in/corpus.jsonl"), """
                {"_id": "d1", "title": "Avatar", "text": "A 2009 film written and directed by James Cameron."}
                {"_id": "d2", "title": "=cmd|' /C calc'!A0", "text": "A title a spreadsheet would run as a formula."}
                {"_id": "d3", "title": "", "text": "Untitled, with a comma, and \\"quotes\\"."}
                {"_id": "d4", "title": "Titanic", "text": "A 1997 film written and directed by James Cameron."}
                {"_id": "d5", "title": "Jaws", "text": "A 1975 film directed by Steven Spielberg."}
                {"_id": "d10", "title": "Aliens", "text": "A 1986 film directed by James Cameron."}
                """)), ImportOptions.defaults(), ImportListener.NONE, new CancellationToken()));
        films = db.read(c -> new CollectionDao(c).require(FILMS));
        ok(imports.importTopics(FILMS, sources(write(dir.resolve("in/queries.jsonl"), """
                {"_id": "10", "text": "films by James Cameron", "instruction_og": "Any film he directed is relevant.", "instruction_changed": "Only films he wrote alone are relevant."}
                {"_id": "2", "text": "shark films", "instruction_og": "Films about sharks.", "instruction_changed": "Only films made before 1980."}
                """)), ImportOptions.defaults(), ImportListener.NONE, new CancellationToken()));
        ok(imports.importQrels(FILMS, sources(write(dir.resolve("in/qrels_og.tsv"), """
                query-id\tcorpus-id\tscore
                10\td1\t1
                10\td4\t1
                10\td10\t1
                10\td5\t0
                2\td5\t1
                2\td1\t0
                """), write(dir.resolve("in/qrels_changed.tsv"), """
                query-id\tcorpus-id\tscore
                10\td1\t1
                10\td4\t0
                10\td10\t0
                10\td5\t0
                2\td5\t1
                2\td1\t0
                """)), ImportOptions.defaults(), ImportListener.NONE, new CancellationToken()));
        // Stored ranks put d10 before its tie d4; trec_eval orders ties by docno descending: d4 ("d4" > "d10") first.
        ok(imports.importRuns(FILMS, sources(write(dir.resolve("in/followir-og.run"), """
                10 Q0 d1 1 0.99999 followir-og
                10 Q0 d2 2 0.999991 followir-og
                10 Q0 d10 3 0.5 followir-og
                10 Q0 d4 4 0.5 followir-og
                10 Q0 d5 5 1e-12 followir-og
                2 Q0 d5 1 0.75 followir-og
                2 Q0 d1 2 0.25 followir-og
                """)), ImportOptions.defaults(), ImportListener.NONE, new CancellationToken()));
        ok(imports.importRuns(FILMS, sources(write(dir.resolve("in/followir-changed.run"), """
                10 Q0 d1 1 0.999 followir-changed
                10 Q0 d4 2 0.25 followir-changed
                10 Q0 d10 3 0.125 followir-changed
                10 Q0 d5 4 0.0625 followir-changed
                2 Q0 d1 1 0.75 followir-changed
                2 Q0 d5 2 0.5 followir-changed
                """)), ImportOptions.defaults(), ImportListener.NONE, new CancellationToken()));
        ok(imports.importRuns(FILMS, sources(write(dir.resolve("in/top_ranked.jsonl"), """
                {"qid": "10", "pid": "d5"}
                {"qid": "10", "pid": "d1"}
                {"qid": "10", "pid": "d4"}
                """)), ImportOptions.defaults().withRunName("order-only", false), ImportListener.NONE,
                new CancellationToken()));
        judge(new Judgment("ann", "10", "og", "d1", 1, null, 5, null),
                new Judgment("ann", "10", "og", "d2", 1, null, 5, null),
                new Judgment("ann", "10", "changed", "d1", 1, null, 5, null),
                new Judgment("bob", "10", "og", "d1", 1, null, 5, null),
                new Judgment("bob", "10", "og", "d2", 0, null, 5, null),
                new Judgment("bob", "10", "changed", "d1", 0, null, 5, null),
                new Judgment("cy", "10", "og", "d2", 0, "adjudicated", 5, null));
    }

    void judge(Judgment... judgments) {
        db.write(c -> {
            JudgmentDao dao = new JudgmentDao(c);
            for (Judgment j : judgments) {
                dao.record(films.id(), j);
            }
            return null;
        });
    }

    /** Imports files into another collection with the project's importers, as a user would. */
    ImportResult importQrels(String collection, ImportOptions options, Path... files) {
        return ok(imports.importQrels(collection, sources(files), options, ImportListener.NONE, new CancellationToken()));
    }

    ImportResult importRuns(String collection, ImportOptions options, Path... files) {
        return ok(imports.importRuns(collection, sources(files), options, ImportListener.NONE, new CancellationToken()));
    }

    ImportResult importTopics(String collection, Path... files) {
        return ok(imports.importTopics(collection, sources(files), ImportOptions.defaults(), ImportListener.NONE,
                new CancellationToken()));
    }

    ImportResult importDocuments(String collection, Path... files) {
        return ok(imports.importDocuments(collection, sources(files), ImportOptions.defaults(), ImportListener.NONE,
                new CancellationToken()));
    }

    Collection collection(String name) {
        return db.read(c -> new CollectionDao(c).require(name));
    }

    /** Every line was read: nothing skipped, nothing rolled back. */
    private static ImportResult ok(ImportResult result) {
        assertThat(result.anyFatal()).as(result.files().toString()).isFalse();
        assertThat(result.skipped()).as(result.files().toString()).isZero();
        return result;
    }

    private static List<SourceFile> sources(Path... files) {
        return Arrays.stream(files).map(SourceFile::of).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
