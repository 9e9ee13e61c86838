package org.relevanceworkbench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trec_eval's readers: strict, one bad line fails the file with {@code file:line: reason}. */
class TrecFilesTest {
    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void commentLinesAreSkippedButHashInsideADocnoIsKept() throws IOException {
        Qrels qrels = Qrels.read(file("q", "# judged by NIST\n1 0 doc#1 2\n\n  # indented comment\n1 0 doc2 0\r\n"));
        assertThat(qrels.judgments("1")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("doc#1", 2, "doc2", 0));
        Results results = Results.read(file("r", "# a run\n1 Q0 doc#1 1 0.5 run-a extra junk\n\n1\tQ0\tdoc2\t2\t-1e-3\trun-b\n"));
        assertThat(results.documents("1")).extracting(ScoredDoc::docno, ScoredDoc::score, ScoredDoc::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("doc#1", 0.5, 2L),
                        org.assertj.core.groups.Tuple.tuple("doc2", -0.001, 4L));
        assertThat(results.runId()).as("the run id of the last line, as trec_eval keeps it").isEqualTo("run-b");
    }

    @Test
    void theFixtureWithCommentsReadsLikeTheOneWithout() throws IOException {
        Qrels plain = Qrels.read(Path.of("src/test/resources/trec_eval/qrels.test"));
        Qrels commented = Qrels.read(Path.of("src/test/resources/trec_eval/qrels.test.with-comments"));
        assertThat(commented.topics()).containsExactlyElementsOf(plain.topics());
        assertThat(commented.size()).isEqualTo(plain.size()).isEqualTo(3681);
    }

    @Test
    void malformedQrelsLinesFailWithFileAndLine() throws IOException {
        Path three = file("three", "1 0 a 1\n1 0 b\n");
        assertThatThrownBy(() -> Qrels.read(three)).isInstanceOf(TrecEvalException.class)
                .hasMessage(three + ":2: expected 4 fields (topic iteration docno relevance), found 3");
        Path five = file("five", "1 0 a 1 extra\n");
        assertThatThrownBy(() -> Qrels.read(five)).hasMessage(five + ":1: expected 4 fields (topic iteration docno "
                + "relevance), found 5");
        Path grade = file("grade", "# c\n1 0 a 1\n1 0 b high\n");
        assertThatThrownBy(() -> Qrels.read(grade)).hasMessage(grade + ":3: relevance 'high' is not an integer");
        Path huge = file("huge", "1 0 a 99999999999\n");
        assertThatThrownBy(() -> Qrels.read(huge)).hasMessageStartingWith(huge + ":1: relevance 99999999999 is out of range");
        Path empty = file("empty", "# nothing\n\n");
        assertThatThrownBy(() -> Qrels.read(empty)).hasMessage(empty + ": no judgments");
        Path latin1 = dir.resolve("latin1");
        Files.write(latin1, "1 0 caf\u00e9 1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Qrels.read(latin1)).hasMessage(latin1 + ":1: not valid UTF-8");
        assertThatThrownBy(() -> Qrels.read(dir.resolve("absent"))).hasMessage(dir.resolve("absent") + ": no such file");
    }

    @Test
    void malformedResultsLinesFailWithFileAndLine() throws IOException {
        Path five = file("five", "1 Q0 a 1 0.5 run\n1 Q0 b 2 0.4\n");
        assertThatThrownBy(() -> Results.read(five)).isInstanceOf(TrecEvalException.class)
                .hasMessage(five + ":2: expected 6 fields (topic Q0 docno rank score run), found 5");
        Path score = file("score", "1 Q0 a 1 high run\n");
        assertThatThrownBy(() -> Results.read(score)).hasMessage(score + ":1: score 'high' is not a number");
        Path nan = file("nan", "1 Q0 a 1 nan run\n");
        assertThatThrownBy(() -> Results.read(nan)).hasMessage(nan + ":1: score 'nan' is not a number");
        Path empty = file("empty", "");
        assertThatThrownBy(() -> Results.read(empty)).hasMessage(empty + ": no results");
    }

    @Test
    void aDocnoJudgedTwiceFailsWhenItsTopicIsEvaluated() throws IOException {
        Qrels qrels = Qrels.read(file("dup", "1 0 a 1\n1 0 a 0\n2 0 b 1\n"));
        Results only2 = Results.read(file("r2", "2 Q0 b 1 1 run\n"));
        assertThat(TrecEval.evaluate(qrels, only2, EvalOptions.DEFAULT).queries()).containsExactly("2");
        Results both = Results.read(file("r12", "1 Q0 a 1 1 run\n2 Q0 b 1 1 run\n"));
        assertThatThrownBy(() -> TrecEval.evaluate(qrels, both, EvalOptions.DEFAULT))
                .isInstanceOf(TrecEvalException.class)
                .hasMessage(dir.resolve("dup") + ":2: document a is judged twice for topic 1");
    }
}
