package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which self-check verdicts are kept between starts, and under what names. */
class KeptVerdictsTest {
    @TempDir
    Path dir;

    @Test
    void codeFromAJarGetsAMarkerNamedByTheCheckTheJarsAndThePlatform() {
        Path marker = KeptVerdicts.marker(dir, "bm25-fast-path", org.sqlite.JDBC.class); // a class from a jar

        assertThat(marker).isNotNull();
        assertThat(marker.getParent()).isEqualTo(dir.resolve("verdicts"));
        assertThat(marker.getFileName().toString()).matches("bm25-fast-path-[0-9a-f]{64}");
        assertThat(KeptVerdicts.marker(dir, "another-check", org.sqlite.JDBC.class)).isNotEqualTo(marker);
        assertThat(KeptVerdicts.marker(dir, "bm25-fast-path", org.slf4j.Logger.class)).as("other code")
                .isNotEqualTo(marker);
    }

    @Test
    void codeFromAFolderKeepsNothingSoItsCheckRunsEveryTime() {
        assertThat(KeptVerdicts.marker(dir, "bm25-fast-path", KeptVerdictsTest.class)).isNull();

        KeptVerdicts.recordPass("bm25-fast-path", KeptVerdictsTest.class);

        assertThat(KeptVerdicts.passed("bm25-fast-path", KeptVerdictsTest.class)).isFalse();
    }

    @Test
    void aRecordedPassIsFoundAgainUnderItsOwnNameOnly() {
        String check = "kept-verdicts-test-" + System.nanoTime();
        assertThat(KeptVerdicts.passed(check, org.sqlite.JDBC.class)).isFalse();

        KeptVerdicts.recordPass(check, org.sqlite.JDBC.class);

        assertThat(KeptVerdicts.passed(check, org.sqlite.JDBC.class)).isTrue();
        assertThat(KeptVerdicts.passed(check + "-other", org.sqlite.JDBC.class)).isFalse();
    }
}
