package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;

class DaoTest {
    @TempDir
    Path dir;
    Database db;
    Collection robust;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        robust = db.write(c -> new CollectionDao(c).create("robust04"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void collectionNamesAreUniqueTrimmedAndRequiredByName() {
        Collection again = db.write(c -> new CollectionDao(c).getOrCreate("  robust04 "));
        assertThat(again.id()).isEqualTo(robust.id());
        assertThatThrownBy(() -> db.write(c -> new CollectionDao(c).create("   ")))
                .isInstanceOf(UserException.class).hasMessageContaining("non-empty name");
        db.write(c -> new CollectionDao(c).create("core17"));
        assertThatThrownBy(() -> db.read(c -> new CollectionDao(c).require("news21")))
                .isInstanceOf(UserException.class)
                .hasMessage("no collection named 'news21' (collections: core17, robust04)");
    }

    @Test
    void documentIdsAreUniquePerCollectionNotPerWorkspace() {
        Collection core = db.write(c -> new CollectionDao(c).create("core17"));
        boolean[] inserted = db.write(c -> {
            try (DocumentDao.Inserter robustDocs = new DocumentDao(c).inserter(robust.id());
                    DocumentDao.Inserter coreDocs = new DocumentDao(c).inserter(core.id())) {
                return new boolean[] {robustDocs.insert("d1", "T", "text", null), robustDocs.insert("d1", null, "again", null),
                    coreDocs.insert("d1", null, "other collection", "{\"a\":1}")};
            }
        });
        assertThat(inserted).containsExactly(true, false, true);
        Optional<Document> d = db.read(c -> new DocumentDao(c).find(robust.id(), "d1"));
        assertThat(d).get().extracting(Document::title, Document::text).containsExactly("T", "text");
        Optional<Document> other = db.read(c -> new DocumentDao(c).find(core.id(), "d1"));
        assertThat(other).get().extracting(Document::fieldsJson).isEqualTo("{\"a\":1}");
    }

    @Test
    void topicsMergeAcrossImportsAndKeepTheBaselineFirst() {
        db.write(c -> {
            TopicDao topics = new TopicDao(c);
            long row = topics.upsert(robust.id(), "301", "International Organized Crime", "desc", null);
            topics.upsertVariant(row, "changed", "narrower");
            topics.upsertVariant(row, "og", "the narrative");
            topics.upsertVariant(row, "mine", "user made");
            long again = topics.upsert(robust.id(), "301", null, null, "narr");
            assertThat(again).isEqualTo(row);
            topics.upsertVariant(row, "og", null); // declaring must not erase text
            topics.upsert(robust.id(), "10", "ten", null, null);
            topics.upsert(robust.id(), "9", "nine", null, null);
            return null;
        });
        List<Topic> list = db.read(c -> new TopicDao(c).list(robust.id()));
        assertThat(list).extracting(Topic::topicId).containsExactly("9", "10", "301");
        Topic t = list.get(2);
        assertThat(t.query()).isEqualTo("International Organized Crime");
        assertThat(t.description()).isEqualTo("desc");
        assertThat(t.narrative()).isEqualTo("narr");
        assertThat(t.variants()).containsExactly(new Variant("og", "the narrative", 0),
                new Variant("changed", "narrower", 1), new Variant("mine", "user made", 2));
        Optional<Topic> found = db.read(c -> new TopicDao(c).find(robust.id(), "301"));
        assertThat(found).contains(t);
    }

    @Test
    void qrelsUpsertPerSourceAndVariant() {
        db.write(c -> {
            try (QrelDao.Upserter imported = new QrelDao(c).upserter(robust.id(), QrelDao.IMPORTED);
                    QrelDao.Upserter judged = new QrelDao(c).upserter(robust.id(), "judged:ann")) {
                imported.upsert("301", "og", "d1", 1);
                imported.upsert("301", "changed", "d1", 0);
                imported.upsert("301", "og", "d1", 2); // replaces
                judged.upsert("301", "og", "d1", 0);
            }
            return null;
        });
        List<Qrel> qrels = db.read(c -> new QrelDao(c).list(robust.id()));
        assertThat(qrels).containsExactly(new Qrel("301", "changed", "d1", 0, "imported"),
                new Qrel("301", "og", "d1", 2, "imported"), new Qrel("301", "og", "d1", 0, "judged:ann"));
        long og = db.read(c -> new QrelDao(c).count(robust.id(), "og"));
        assertThat(og).isEqualTo(2);
    }

    @Test
    void runsKeepProvenanceAndOneScorePerDocument() {
        Run created = db.write(c -> new RunDao(c).create(robust.id(), new Run(0, "followir-og", "followir", "sha256:ab",
                "tpl:12", "fp16", 2048, "control", null, null)));
        boolean[] inserted = db.write(c -> {
            try (RunDao.Inserter scores = new RunDao(c).inserter(created.id())) {
                return new boolean[] {
                    scores.insert(new RunScore("301", "og", "d2", 2, 0.25, -1.0, 0.1, 412, false)),
                    scores.insert(RunScore.ranked("301", "og", "d1", 1, 0.9)),
                    scores.insert(RunScore.ranked("301", "og", "d1", 1, 0.8))};
            }
        });
        assertThat(inserted).containsExactly(true, true, false);
        List<RunScore> scores = db.read(c -> new RunDao(c).scores(created.id(), "301", "og"));
        assertThat(scores).containsExactly(RunScore.ranked("301", "og", "d1", 1, 0.9),
                new RunScore("301", "og", "d2", 2, 0.25, -1.0, 0.1, 412, false));
        List<RunSummary> runs = db.read(c -> new RunDao(c).list(robust.id()));
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.run().dtype()).isEqualTo("fp16");
            assertThat(r.run().maxLength()).isEqualTo(2048);
            assertThat(r.run().specialTokens()).isEqualTo("control");
            assertThat(r.topics()).isEqualTo(1);
            assertThat(r.scores()).isEqualTo(2);
        });
    }

    @Test
    void judgmentsAreRowsPerAssessorAndAccumulateTimeSpent() {
        db.write(c -> {
            JudgmentDao judgments = new JudgmentDao(c);
            judgments.record(robust.id(), new Judgment("ann", "301", "og", "d1", 1, "mentions cartel", 12.5, null));
            judgments.record(robust.id(), new Judgment("bob", "301", "og", "d1", 0, null, 3, null));
            judgments.record(robust.id(), new Judgment("ann", "301", "og", "d1", 2, "on reread", 4.5, null));
            return null;
        });
        List<Judgment> list = db.read(c -> new JudgmentDao(c).list(robust.id(), "301", "og"));
        assertThat(list).extracting(Judgment::assessor, Judgment::grade, Judgment::note, Judgment::secondsSpent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", 2, "on reread", 17.0),
                        org.assertj.core.groups.Tuple.tuple("bob", 0, null, 3.0));
    }

    @Test
    void deletingACollectionRemovesEverythingItOwnsAndItsIndex() {
        db.write(c -> {
            try (DocumentDao.Inserter docs = new DocumentDao(c).inserter(robust.id())) {
                docs.insert("d1", null, "text", null);
            }
            new TopicDao(c).upsert(robust.id(), "301", "q", null, null);
            new CollectionDao(c).delete(robust.id());
            return null;
        });
        long leftovers = db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT (SELECT count(*) FROM document) + (SELECT count(*) FROM topic)"
                            + " + (SELECT count(*) FROM sqlite_schema WHERE name LIKE 'document_fts_%')")) {
                return rs.getLong(1);
            }
        });
        assertThat(leftovers).isZero();
    }
}
