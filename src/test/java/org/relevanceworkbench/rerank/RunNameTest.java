package org.relevanceworkbench.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relevanceworkbench.common.UserException;

class RunNameTest {
    @Test
    void buildsScorerDashVariant() {
        assertThat(RunName.followir("og")).hasToString("followir-og");
        assertThat(new RunName(RunName.BM25, "changed")).hasToString("bm25-changed");
        assertThat(RunName.followir("og").prefix()).isEqualTo("followir-").isEqualTo(RunName.FOLLOWIR_PREFIX);
        assertThat(RunName.prefix("bm25")).isEqualTo("bm25-");
    }

    @Test
    void aUsersPrefixIsKeptAsTyped() {
        assertThat(RunName.withPrefix("mine_", "og")).isEqualTo("mine_og");
        assertThat(RunName.withPrefix(RunName.FOLLOWIR_PREFIX, "og")).isEqualTo("followir-og");
    }

    @Test
    void parsesAtTheFirstDashSoVariantsMayHoldDashes() {
        RunName name = RunName.parse("followir-only-cameron");
        assertThat(name.scorer()).isEqualTo("followir");
        assertThat(name.variant()).isEqualTo("only-cameron");
        assertThat(RunName.parse(name.toString())).isEqualTo(name);
        assertThat(RunName.parse("bm25-og")).isEqualTo(new RunName("bm25", "og"));
    }

    @Test
    void namesOfAnotherFormDoNotParse() {
        assertThat(RunName.tryParse("bm25")).isEmpty();
        assertThat(RunName.tryParse("-og")).isEmpty();
        assertThat(RunName.tryParse("followir-")).isEmpty();
        assertThat(RunName.tryParse("my run-og")).isEmpty();
        assertThat(RunName.tryParse(null)).isEmpty();
        assertThatThrownBy(() -> RunName.parse("imported.run")).isInstanceOf(UserException.class)
                .hasMessage("run name 'imported.run' is not SCORER-VARIANT (e.g. followir-og, bm25-only-cameron)");
    }

    @Test
    void refusesAScorerWithADashOrAMissingVariant() {
        assertThatThrownBy(() -> new RunName("follow-ir", "og")).isInstanceOf(UserException.class)
                .hasMessage("a run name's scorer must be one word without '-', not 'follow-ir'");
        assertThatThrownBy(() -> new RunName("followir", " ")).isInstanceOf(UserException.class)
                .hasMessage("a run name needs a variant after the scorer 'followir'");
        assertThatThrownBy(() -> new RunName("", "og")).hasMessageContaining("one word without '-'");
    }
}
