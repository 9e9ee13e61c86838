package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.FollowIrPrompt;

class LlamaFactoryExportTest {
    /** The model card's template's opening sentence: the start of every record's instruction. */
    static final String SYSTEM_SENTENCE = "You are an expert Google searcher, whose job is to determine if the following"
            + " document is relevant to the query (true/false). Answer using only one word, one of those two choices.";

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

    /** The rendered FollowIR prompt between "[INST] " and " [/INST]": what LLaMA-Factory's user turn must be. */
    private static String turn(String query, String instruction, String title, String text) {
        String prompt = FollowIrPrompt.render(query, instruction, title, text).text();
        return prompt.substring(prompt.indexOf("[INST] ") + "[INST] ".length(), prompt.lastIndexOf(" [/INST]"));
    }

    private List<AlpacaRecord> readBack(LlamaFactoryExport.Prepared prepared) throws Exception {
        Path file = TrecFiles.write(dir.resolve("train/followir.json"), prepared::writeTo);
        return new ObjectMapper().readValue(file.toFile(), new TypeReference<List<AlpacaRecord>>() { });
    }

    @Test
    void recordsReproduceTheFollowIrPromptUnderLlamaFactorysJoin() throws Exception {
        LlamaFactoryExport.Prepared prepared = new LlamaFactoryExport(ws.db).prepare(ExportFixture.FILMS, "10", "og",
                QrelsSelection.source("imported"), 1);
        List<AlpacaRecord> records = readBack(prepared);
        assertThat(records).isEqualTo(prepared.records());
        assertThat(records).extracting(AlpacaRecord::output).containsExactly("true", "true", "true", "false");
        String instruction = "Any film he directed is relevant.";
        String[][] docs = {{"Avatar", "A 2009 film written and directed by James Cameron."},
            {"Aliens", "A 1986 film directed by James Cameron."},
            {"Titanic", "A 1997 film written and directed by James Cameron."},
            {"Jaws", "A 1975 film directed by Steven Spielberg."}};
        for (int i = 0; i < docs.length; i++) {
            AlpacaRecord r = records.get(i);
            String expected = turn("films by James Cameron", instruction, docs[i][0], docs[i][1]);
            assertThat(r.instruction()).isEqualTo(SYSTEM_SENTENCE + "\n");
            assertThat(r.instruction() + "\n" + r.input()).isEqualTo(expected); // LLaMA-Factory: instruction + "\n" + input
            assertThat(r.instruction().strip() + "\n\n" + r.input()).isEqualTo(expected);
        }
        assertThat(records.get(0).input()).isEqualTo("Query: films by James Cameron Any film he directed is relevant.\n"
                + "Document: Avatar A 2009 film written and directed by James Cameron.\n"
                + "Relevant (only output one word, either \"true\" or \"false\"):");
    }

    @Test
    void theLevelDecidesTheLabelAndAssessorsOrAdjudicationCanBeTheSource() throws Exception {
        LlamaFactoryExport export = new LlamaFactoryExport(ws.db);
        assertThat(export.prepare(ExportFixture.FILMS, null, null, QrelsSelection.source("imported"), 2).records())
                .hasSize(12).allSatisfy(r -> assertThat(r.output()).isEqualTo("false"));
        LlamaFactoryExport.Prepared ann = export.prepare(ExportFixture.FILMS, null, null, QrelsSelection.assessor("ann"), 1);
        assertThat(ann.records()).extracting(AlpacaRecord::output).containsExactly("true", "true", "true");
        assertThat(ann.records().get(2).input()).startsWith(
                "Query: films by James Cameron Only films he wrote alone are relevant.\nDocument: Avatar ");
        LlamaFactoryExport.Prepared adjudicated = export.prepare(ExportFixture.FILMS, null, null,
                QrelsSelection.adjudicated(null), 1);
        assertThat(adjudicated.records()).hasSize(1);
        assertThat(adjudicated.unresolved()).isEqualTo(2);
    }

    @Test
    void judgmentsOfDocumentsTheCollectionLacksAreLeftOutAndCounted() {
        ws.judge(new org.relevanceworkbench.store.Judgment("ann", "10", "og", "gone", 1, null, 1, null));
        LlamaFactoryExport.Prepared ann = new LlamaFactoryExport(ws.db).prepare(ExportFixture.FILMS, null, null,
                QrelsSelection.assessor("ann"), 1);
        assertThat(ann.records()).hasSize(3);
        assertThat(ann.leftOut()).isEqualTo(1);
    }

    @Test
    void datasetInfoRegistersTheFileAndKeepsOtherDatasets() throws Exception {
        Path data = dir.resolve("data/followir.json");
        Files.createDirectories(data.getParent());
        Files.writeString(data.resolveSibling("dataset_info.json"), """
                {"alpaca_en": {"file_name": "alpaca_data_en_52k.json"},
                 "followIR-train": {"file_name": "old.json"}}""");
        JsonNode info = new ObjectMapper().readTree(LlamaFactoryExport.datasetInfo(data));
        assertThat(info.get("alpaca_en").get("file_name").asText()).isEqualTo("alpaca_data_en_52k.json");
        assertThat(info.get("followIR-train")).isEqualTo(new ObjectMapper().readTree("""
                {"file_name": "followir.json", "formatting": "alpaca",
                 "columns": {"prompt": "instruction", "query": "input", "response": "output"}}"""));
        Files.writeString(data.resolveSibling("dataset_info.json"), "[1, 2");
        assertThatThrownBy(() -> LlamaFactoryExport.datasetInfo(data)).isInstanceOf(UserException.class)
                .hasMessageEndingWith("dataset_info.json is not valid JSON; fix or remove it first");
    }

    @Test
    void unknownTopicsAndVariantsAreUserErrors() {
        LlamaFactoryExport export = new LlamaFactoryExport(ws.db);
        QrelsSelection imported = QrelsSelection.source("imported");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, "99", null, imported, 1))
                .isInstanceOf(UserException.class).hasMessage("collection 'films' has no topic '99'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, "10", "narrow", imported, 1))
                .isInstanceOf(UserException.class).hasMessageStartingWith("topic '10' has no variant 'narrow'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, null, "narrow", imported, 1))
                .isInstanceOf(UserException.class).hasMessage("no topic of collection 'films' has variant 'narrow'");
    }
}
