package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relevanceworkbench.formats.CollectingSink.write;
import static org.relevanceworkbench.formats.CollectingSink.writeGzip;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;

class FormatDetectorTest {
    @TempDir
    Path dir;

    private Format detect(RecordKind kind, String name, String content) throws Exception {
        return FormatDetector.detect(kind, SourceFile.of(write(dir.resolve(name), content))).format();
    }

    @Test
    void documentsByContentFirstThenName() throws Exception {
        assertThat(detect(RecordKind.DOCUMENTS, "corpus.txt", "{\"_id\": \"1\", \"text\": \"x\"}\n")).isEqualTo(Format.BEIR_JSONL);
        assertThat(detect(RecordKind.DOCUMENTS, "fbis.txt", "\n<DOC>\n<DOCNO> FBIS3-1 </DOCNO>\n")).isEqualTo(Format.TREC_SGML);
        assertThat(detect(RecordKind.DOCUMENTS, "collection.tsv", "0\tThe presence of communication\n")).isEqualTo(Format.TSV);
        assertThat(detect(RecordKind.DOCUMENTS, "docs.data", "0\tno name hint but a tab\n")).isEqualTo(Format.TSV);
        assertThat(detect(RecordKind.DOCUMENTS, "docs.csv", "id,text\n1,\"a, b\"\n")).isEqualTo(Format.CSV);
        Path gz = writeGzip(dir.resolve("corpus.jsonl.gz"), "{\"_id\": \"1\", \"text\": \"x\"}\n");
        assertThat(FormatDetector.detect(RecordKind.DOCUMENTS, SourceFile.of(gz)).format()).isEqualTo(Format.BEIR_JSONL);
    }

    @Test
    void topicsQrelsAndRuns() throws Exception {
        assertThat(detect(RecordKind.TOPICS, "topics.301-450", "<top>\n<num> Number: 301\n")).isEqualTo(Format.TREC_TOPICS);
        assertThat(detect(RecordKind.TOPICS, "topics.xml", "<?xml version=\"1.0\"?>\n<topics>\n")).isEqualTo(Format.TREC_XML_TOPICS);
        assertThat(detect(RecordKind.TOPICS, "web.txt", "<topic number=\"1\">\n")).isEqualTo(Format.TREC_XML_TOPICS);
        assertThat(detect(RecordKind.TOPICS, "queries.jsonl", "{\"_id\": \"1\", \"text\": \"q\"}\n")).isEqualTo(Format.QUERIES_JSONL);
        assertThat(detect(RecordKind.QRELS, "qrels.txt", "# comment\n301 0 FBIS3-1 1\n")).isEqualTo(Format.TREC_QRELS);
        assertThat(detect(RecordKind.QRELS, "test.tsv", "query-id\tcorpus-id\tscore\n1\t2\t1\n")).isEqualTo(Format.BEIR_QRELS);
        assertThat(detect(RecordKind.QRELS, "test.tsv", "1\t2\t1\n")).isEqualTo(Format.BEIR_QRELS);
        assertThat(detect(RecordKind.RUNS, "run.txt", "301\tQ0\tFBIS3-1\t1\t  2.5\tSTANDARD\n")).isEqualTo(Format.TREC_RUN);
        assertThat(detect(RecordKind.RUNS, "top_ranked.jsonl", "{\"qid\": \"1\", \"pid\": \"d\"}\n")).isEqualTo(Format.TOP_RANKED);
    }

    @Test
    void anUnrecognisableFileAsksForAFormat() {
        assertThatThrownBy(() -> detect(RecordKind.RUNS, "run.txt", "301 Q0 doc\n"))
                .isInstanceOf(UserException.class).hasMessageContaining("name it with --format (trec, top-ranked)");
    }

    @Test
    void instructionOnlyFilesAreRecognised() throws Exception {
        Path instructions = write(dir.resolve("instruction.jsonl"), "{\"query-id\": \"1-og\", \"instruction\": \"i\"}\n");
        Path followir = write(dir.resolve("queries.jsonl"), "{\"_id\": \"1\", \"text\": \"q\", \"instruction_og\": \"i\"}\n");
        assertThat(FormatDetector.isInstructionsOnly(SourceFile.of(instructions))).isTrue();
        assertThat(FormatDetector.isInstructionsOnly(SourceFile.of(followir))).isFalse();
    }

    @Test
    void variantsComeFromIdSuffixesAndPaths() {
        assertThat(Ids.splitVariant("301-og")).isEqualTo(new Ids.QueryId("301", "og"));
        assertThat(Ids.splitVariant("301-CHANGED")).isEqualTo(new Ids.QueryId("301", "changed"));
        assertThat(Ids.splitVariant("og")).isEqualTo(new Ids.QueryId("og", null));
        assertThat(Ids.splitVariant("2024-127266")).isEqualTo(new Ids.QueryId("2024-127266", null));
        assertThat(Ids.variantOfPath("data/qrels_og/test.tsv")).isEqualTo("og");
        assertThat(Ids.variantOfPath("qrels.changed.txt")).isEqualTo("changed");
        assertThat(Ids.variantOfPath("qrels/dog-changes.txt")).isNull();
    }
}
