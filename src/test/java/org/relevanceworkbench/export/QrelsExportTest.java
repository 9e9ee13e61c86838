package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;

class QrelsExportTest {
    @TempDir
    Path dir;
    ExportFixture ws;

    @BeforeEach
    void open() throws Exception {
        ws = new ExportFixture(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Path export(String file, QrelsSelection selection, String variant) throws Exception {
        QrelsExport.Prepared prepared = new QrelsExport(ws.db).prepare(ExportFixture.FILMS, selection, variant);
        return TrecFiles.write(dir.resolve(file), prepared::writeTo);
    }

    /** The qrels of a collection without their source, as a set to compare. */
    private List<String> stored(String collection, String source) {
        long id = ws.collection(collection).id();
        return keys(ws.db.read(c -> new QrelDao(c).list(id)).stream().filter(q -> q.source().equals(source)).toList());
    }

    private static List<String> keys(List<Qrel> qrels) {
        return qrels.stream().map(q -> q.topicId() + "/" + q.variant() + "/" + q.docId() + "=" + q.grade()).sorted()
                .toList();
    }

    @Test
    void oneVariantPerFileSortedByNumericTopicThenDocno() throws Exception {
        Path og = export("exported.qrels", QrelsSelection.source("imported"), "og");
        assertThat(Files.readAllLines(og)).containsExactly("2 0 d1 0", "2 0 d5 1",
                "10 0 d1 1", "10 0 d10 1", "10 0 d4 1", "10 0 d5 0");
        TrecFiles.columns(og, 4);
    }

    @Test
    void importedQrelsOfEachVariantImportBackIdentical() throws Exception {
        for (String variant : List.of("og", "changed")) {
            Path file = export("exported-" + variant + ".qrels", QrelsSelection.source("imported"), variant);
            ws.importQrels("again-" + variant, ImportOptions.defaults().withVariant(variant), file);
            assertThat(stored("again-" + variant, QrelDao.IMPORTED)).as(variant).isEqualTo(
                    stored(ExportFixture.FILMS, QrelDao.IMPORTED).stream().filter(k -> k.contains("/" + variant + "/"))
                            .toList());
        }
    }

    @Test
    void allVariantsWriteMtebIdsThatImportBackIntoTheirVariants() throws Exception {
        Path file = export("all.qrels", QrelsSelection.source("imported"), null);
        assertThat(Files.readAllLines(file)).startsWith("2-og 0 d1 0", "2-og 0 d5 1", "2-changed 0 d1 0")
                .contains("10-changed 0 d4 0").hasSize(12);
        TrecFiles.columns(file, 4);
        ws.importQrels("again", ImportOptions.defaults(), file);
        assertThat(stored("again", QrelDao.IMPORTED)).isEqualTo(stored(ExportFixture.FILMS, QrelDao.IMPORTED));
    }

    @Test
    void anAssessorsJudgmentsImportBackAsTheirQrels() throws Exception {
        Path file = export("ann.qrels", QrelsSelection.assessor("ann"), null);
        assertThat(Files.readAllLines(file)).containsExactly("10-og 0 d1 1", "10-og 0 d2 1", "10-changed 0 d1 1");
        ws.importQrels("again", ImportOptions.defaults().withQrelsSource("ann"), file);
        assertThat(stored("again", "ann")).isEqualTo(keys(SelectedQrels.load(ws.db, ws.films, QrelsSelection.assessor("ann")).qrels()));
    }

    @Test
    void adjudicatedQrelsLeaveDisagreementsOutAndCountThem() throws Exception {
        QrelsExport.Prepared consensus = new QrelsExport(ws.db).prepare(ExportFixture.FILMS,
                QrelsSelection.adjudicated(null), null);
        assertThat(consensus.unresolved()).isEqualTo(2); // d2 under og and d1 under changed
        assertThat(keys(consensus.qrels())).containsExactly("10/og/d1=1");

        QrelsExport.Prepared byCy = new QrelsExport(ws.db).prepare(ExportFixture.FILMS,
                QrelsSelection.adjudicated("cy"), null);
        assertThat(byCy.unresolved()).isEqualTo(1);
        Path file = TrecFiles.write(dir.resolve("adjudicated.qrels"), byCy::writeTo);
        assertThat(Files.readAllLines(file)).containsExactly("10-og 0 d1 1", "10-og 0 d2 0");
        ws.importQrels("again", ImportOptions.defaults().withQrelsSource("adjudicated"), file);
        assertThat(stored("again", "adjudicated"))
                .isEqualTo(keys(SelectedQrels.load(ws.db, ws.films, QrelsSelection.adjudicated("cy")).qrels()));
    }

    @Test
    void unknownNamesAreOneLineUserErrors() {
        QrelsExport export = new QrelsExport(ws.db);
        assertThatThrownBy(() -> export.prepare("nope", QrelsSelection.source("imported"), "og"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("no collection named 'nope'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, QrelsSelection.source("trec8"), "og"))
                .isInstanceOf(UserException.class)
                .hasMessage("collection 'films' has no qrels from source 'trec8' (sources: imported)");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, QrelsSelection.assessor("zed"), "og"))
                .isInstanceOf(UserException.class).hasMessage("no assessor named 'zed' (assessors: ann, bob, cy)");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, QrelsSelection.adjudicated("zed"), "og"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("no assessor named 'zed'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, QrelsSelection.source("imported"), "narrow"))
                .isInstanceOf(UserException.class)
                .hasMessage("collection 'films' has no variant 'narrow' (variants: changed, og)");
    }

    @Test
    void selectionsParseFromTheirCommandLineSpelling() {
        assertThat(QrelsSelection.parse("imported")).isEqualTo(QrelsSelection.source("imported"));
        assertThat(QrelsSelection.parse("source:trec8")).isEqualTo(QrelsSelection.source("trec8"));
        assertThat(QrelsSelection.parse("assessor:ann")).isEqualTo(QrelsSelection.assessor("ann"));
        assertThat(QrelsSelection.parse("adjudicated")).isEqualTo(QrelsSelection.adjudicated(null));
        assertThat(QrelsSelection.parse("adjudicated:cy")).isEqualTo(QrelsSelection.adjudicated("cy"));
        assertThatThrownBy(() -> QrelsSelection.parse("assessor:")).isInstanceOf(UserException.class)
                .hasMessageContaining("not 'assessor:'");
    }
}
