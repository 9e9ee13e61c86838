package org.relevanceworkbench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** C's printf, not Java's: exact binary halves round to even, negative zero keeps its sign. */
class TrecFormatTest {
    @Test
    void roundsTheExactBinaryValueHalfToEvenAsGlibcDoes() {
        assertThat(TrecFormat.float4(0.03125)).isEqualTo("0.0312"); // exactly representable half
        assertThat(String.format("%.4f", 0.03125)).as("what Java would print").isEqualTo("0.0313");
        assertThat(TrecFormat.float4(0.09375)).isEqualTo("0.0938");
        assertThat(TrecFormat.float4(1.0 / 3)).isEqualTo("0.3333");
        assertThat(TrecFormat.float4(-1238.0 / 3)).isEqualTo("-412.6667");
        assertThat(TrecFormat.float4(-0.0)).isEqualTo("-0.0000");
        assertThat(TrecFormat.float4(1)).isEqualTo("1.0000");
        assertThat(TrecFormat.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(TrecFormat.count(1500.0)).isEqualTo("1500");
    }

    @Test
    void rowsPadTheNameTo22ColumnsThenTabs() {
        assertThat(TrecFormat.row("map", "301", "0.1785")).isEqualTo("map                   \t301\t0.1785\n");
        assertThat(TrecFormat.row("num_nonrel_judged_ret", "all", "607"))
                .isEqualTo("num_nonrel_judged_ret \tall\t607\n");
        assertThat(TrecFormat.row("a_name_longer_than_22_chars", "all", "1"))
                .isEqualTo("a_name_longer_than_22_chars\tall\t1\n");
    }
}
