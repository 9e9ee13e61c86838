package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.CsvRows;

class TableExportTest {
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

    private Table table(Map<String, String> runs, List<String> compare) {
        return new TableExport(ws.db).build(ExportFixture.FILMS, "10", runs, "followir-", compare);
    }

    private Path write(Table table, Table.Format format) throws Exception {
        return TrecFiles.write(dir.resolve("table." + format), out -> table.write(format, out));
    }

    @Test
    void csvHasARowPerDocumentInTheOgRankingWithScoresQrelsAndAssessorGrades() throws Exception {
        Path file = write(table(null, null), Table.Format.csv);
        List<List<String>> rows = CsvRows.read(file);
        assertThat(rows.get(0)).containsExactly("doc_id", "title", "p_true_og", "rank_og", "p_true_changed",
                "rank_changed", "delta_p_changed_minus_og", "rank_change_og_to_changed", "qrel_og", "qrel_changed",
                "grade_ann_og", "grade_ann_changed", "condition_ann_og", "condition_ann_changed", "grade_bob_og",
                "grade_bob_changed", "condition_bob_og", "condition_bob_changed", "grade_cy_og", "grade_cy_changed",
                "condition_cy_og", "condition_cy_changed");
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("d2", "'=cmd|' /C calc'!A0", "0.999991", "1", "", "", "", "", "", "", "1", "", "unrecorded", "", "0", "", "unrecorded", "", "0", "", "unrecorded", ""),
                List.of("d1", "Avatar", "0.99999", "2", "0.999", "1", "-0.00099", "1", "1", "1", "1", "1", "unrecorded", "unrecorded", "1", "0", "unrecorded", "unrecorded", "", "", "", ""),
                List.of("d4", "Titanic", "0.5", "3", "0.25", "2", "-0.25", "1", "1", "0", "", "", "", "", "", "", "", "", "", "", "", ""),
                List.of("d10", "Aliens", "0.5", "4", "0.125", "3", "-0.375", "1", "1", "0", "", "", "", "", "", "", "", "", "", "", "", ""),
                List.of("d5", "Jaws", "0.000000000001", "5", "0.0625", "4", "0.062499999999", "1", "0", "0", "", "", "", "", "", "", "", "", "", "", "", ""));
    }

    @Test
    void csvNeutralisesFormulaTextButLeavesNegativeNumbersAlone() throws Exception {
        String text = Files.readString(write(table(null, null), Table.Format.csv));
        assertThat(text).contains("\r\nd2,'=cmd|' /C calc'!A0,").contains("\r\nd4,Titanic,0.5,3,0.25,2,-0.25,1,")
                .doesNotContain("'-0.25").endsWith("\r\n");
    }

    @Test
    void jsonLinesHaveTheSameFieldsWithNumbersAsNumbersAndNullsAsNull() throws Exception {
        Table table = table(null, null);
        List<String> lines = Files.readAllLines(write(table, Table.Format.jsonl));
        assertThat(lines).hasSize(5);
        ObjectMapper json = new ObjectMapper();
        JsonNode d2 = json.readTree(lines.get(0));
        assertThat(d2.get("title").asText()).isEqualTo("=cmd|' /C calc'!A0"); // JSON is not a spreadsheet
        assertThat(d2.get("p_true_changed").isNull()).isTrue();
        JsonNode d4 = json.readTree(lines.get(2));
        List<String> keys = new ArrayList<>();
        d4.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(table.columns());
        assertThat(d4.get("delta_p_changed_minus_og").isNumber()).isTrue();
        assertThat(d4.get("delta_p_changed_minus_og").asDouble()).isEqualTo(-0.25);
        assertThat(d4.get("rank_og").isInt()).isTrue();
        assertThat(d4.get("qrel_changed").asInt()).isZero();
        assertThat(d4.get("grade_ann_og").isNull()).isTrue();
    }

    @Test
    void runsCanBeNamedPerVariantAndAnOrderOnlyRunHasRanksWithoutScores() {
        Map<String, String> runs = new LinkedHashMap<>();
        runs.put("changed", "order-only"); // an instruction-blind run: its og scores serve the variant named
        runs.put("og", "followir-og");
        Table table = table(runs, null);
        int pChanged = table.columns().indexOf("p_true_changed");
        int rankChanged = table.columns().indexOf("rank_changed");
        int delta = table.columns().indexOf("delta_p_changed_minus_og");
        int rankChange = table.columns().indexOf("rank_change_og_to_changed");
        List<Object> d5 = table.rows().stream().filter(r -> r.get(0).equals("d5")).findFirst().orElseThrow();
        assertThat(Arrays.asList(d5.get(pChanged), d5.get(rankChanged), d5.get(delta), d5.get(rankChange)))
                .containsExactly(null, 1, null, 4);
    }

    @Test
    void theComparedPairCanBeChosen() {
        Table table = table(null, List.of("changed", "og"));
        assertThat(table.columns()).contains("delta_p_og_minus_changed", "rank_change_changed_to_og");
        assertThat(table.rows().get(0).get(0)).isEqualTo("d1"); // rows follow the first compared variant
    }

    @Test
    void unknownTopicsRunsAndVariantsAreUserErrors() {
        TableExport export = new TableExport(ws.db);
        assertThatThrownBy(() -> export.build(ExportFixture.FILMS, "99", null, "followir-", null))
                .isInstanceOf(UserException.class).hasMessage("collection 'films' has no topic '99'");
        assertThatThrownBy(() -> export.build(ExportFixture.FILMS, "10", Map.of("narrow", "followir-og"), null, null))
                .isInstanceOf(UserException.class)
                .hasMessage("topic '10' has no variant 'narrow' (its variants: og, changed)");
        assertThatThrownBy(() -> export.build(ExportFixture.FILMS, "10", Map.of("og", "bm25"), null, null))
                .isInstanceOf(UserException.class).hasMessageStartingWith("collection 'films' has no run 'bm25'");
        assertThatThrownBy(() -> export.build(ExportFixture.FILMS, "10", null, "monot5-", null))
                .isInstanceOf(UserException.class).hasMessageStartingWith(
                        "collection 'films' has no scores of topic '10' in runs monot5-og, monot5-changed");
        assertThatThrownBy(() -> export.build(ExportFixture.FILMS, "10", null, "followir-", List.of("og", "narrow")))
                .isInstanceOf(UserException.class)
                .hasMessage("cannot compare variant 'narrow': the table has scores for og, changed");
    }
}
