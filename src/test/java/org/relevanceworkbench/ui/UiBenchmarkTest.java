package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.relevanceworkbench.cli.Cli;

/** bench ui runs end to end on a tiny comparison (headless, Monocle) and reports every figure; timings not judged. */
class UiBenchmarkTest {
    @Test
    void streamsIntoTheRealComparisonAndReportsPulseGapsFiltersAndASort() throws Exception {
        // The toolkit as every TestFX test starts it, so the benchmark measures in it and leaves it running.
        org.testfx.api.FxToolkit.registerPrimaryStage();
        StringWriter text = new StringWriter();
        int code = UiBenchmark.run(new Cli.UiBenchRequest(null, 300, 3, 2_000, 64, 0), new PrintWriter(text, true));
        assertThat(code).isZero();
        assertThat(text.toString()).contains("comparison of 300 documents × 3 variants: 2,000 scores streamed")
                .containsPattern("longest \\d+\\.\\d ms, \\d+ gaps over 50 ms")
                .contains("where the FX thread was")
                .containsPattern("text filter 'doc1' on the full table: shown after \\d+ ms, longest pulse gap")
                .containsPattern("sort by Δ \\(a click on its header\\): shown after \\d+ ms");
    }
}
