package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAndColumnReadersTest {
    @TempDir
    Path dir;

    @Test
    void beirCorpusTakesCommonAliasesAndKeepsOtherFields() throws Exception {
        Path file = write(dir.resolve("c.jsonl"), """
                {"doc_id": "a", "contents": "pyserini style"}
                {"_id": 42, "title": "", "text": "numeric id", "metadata": {"url": "u"}}
                {"_id": "has space", "text": "x"}
                {"_id": "b", "text": ["not", "a", "string"]}
                {"_id": "c", "text": null}
                """);
        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.BEIR_JSONL, file);
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::title, DocumentRecord::text,
                DocumentRecord::fieldsJson).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", null, "pyserini style", null),
                        org.assertj.core.groups.Tuple.tuple("42", null, "numeric id", "{\"metadata\":{\"url\":\"u\"}}"),
                        org.assertj.core.groups.Tuple.tuple("c", null, "", null));
        assertThat(sink.problemLines()).containsExactly(
                file + ":3: document id 'has space' contains whitespace or a control character",
                file + ":4: title and text of document 'b' must be strings");
    }

    @Test
    void queriesJsonlReadsIrDatasetsTrecTopics() throws Exception {
        Path file = write(dir.resolve("q.jsonl"), """
                {"query_id": "301", "title": "International Organized Crime", "description": "Identify organizations", "narrative": "A relevant document must identify the organization."}
                {"_id": "x"}
                """);
        CollectingSink<TopicRecord> sink = CollectingSink.read(Format.QUERIES_JSONL, file);
        assertThat(sink.records).singleElement().satisfies(t -> {
            assertThat(t.query()).isEqualTo("International Organized Crime");
            assertThat(t.description()).isEqualTo("Identify organizations");
            assertThat(t.variants()).containsExactly(new VariantText("og", "A relevant document must identify the organization."));
        });
        assertThat(sink.problemLines()).containsExactly(file + ":2: query 'x' has neither text nor instruction");
    }

    @Test
    void trecRunLinesAreCheckedColumnByColumn() throws Exception {
        Path file = write(dir.resolve("r.txt"), """
                301 Q0 d1 1 12.5 tag
                301 Q0 d2 2 NaN tag
                301 Q0 d3 x 1.0 tag
                301 Q0 d4 4 1,5 tag
                301 Q0 d5 5 1e-3 tag extra
                # a comment line
                302-changed Q0 d6 1 -0.5 tag
                """);
        CollectingSink<RunRecord> sink = CollectingSink.read(Format.TREC_RUN, file);
        assertThat(sink.records).extracting(RunRecord::topicId, RunRecord::variant, RunRecord::docId, RunRecord::rank,
                RunRecord::score).containsExactly(org.assertj.core.groups.Tuple.tuple("301", null, "d1", 1, 12.5),
                        org.assertj.core.groups.Tuple.tuple("302", "changed", "d6", 1, -0.5));
        assertThat(sink.problemLines()).containsExactly(
                file + ":2: score is not a finite number: NaN",
                file + ":3: rank is not an integer: x",
                file + ":4: score is not a finite number: 1,5",
                file + ":5: expected 6 columns (topic Q0 docno rank score tag), found 7");
    }

    @Test
    void beirQrelsNeedThreeTabSeparatedColumns() throws Exception {
        Path file = write(dir.resolve("test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\nq1\td3\t2.5\nq1 x\td4\t1\n");
        CollectingSink<QrelRecord> sink = CollectingSink.read(Format.BEIR_QRELS, file);
        assertThat(sink.records).extracting(QrelRecord::docId).containsExactly("d1");
        assertThat(sink.problemLines()).containsExactly(
                file + ":3: expected 3 tab-separated columns (query-id corpus-id score), found 2",
                file + ":4: relevance score is not an integer: 2.5",
                file + ":5: query id 'q1 x' contains whitespace or a control character");
    }

    @Test
    void trecEvalsRunFileReadsCompletely() throws Exception {
        CollectingSink<RunRecord> sink = CollectingSink.read(Format.TREC_RUN,
                Path.of("src/test/resources/trec_eval/results.test"));
        assertThat(sink.problems).isEmpty();
        List<String> tags = sink.records.stream().map(RunRecord::tag).distinct().toList();
        assertThat(tags).containsExactly("STANDARD");
        assertThat(sink.records).hasSize((int) java.nio.file.Files.lines(Path.of("src/test/resources/trec_eval/results.test")).count());
    }
}
