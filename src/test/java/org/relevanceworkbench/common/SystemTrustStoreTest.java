package org.relevanceworkbench.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemTrustStoreTest {
    @TempDir
    Path dir;

    @Test
    void theAppImageTakesTheFirstSystemStoreThatExistsAndNothingElseChanges() throws IOException {
        Path missing = dir.resolve("etc/ssl/certs/java/cacerts");
        Path fedora = Files.createDirectories(dir.resolve("pki")).resolve("cacerts");
        Files.write(fedora, new byte[] {1});
        List<Path> candidates = List.of(missing, fedora);
        assertThat(SystemTrustStore.choose("0.1.0", null, candidates)).contains(fedora);
        assertThat(SystemTrustStore.choose(null, null, candidates)).as("a system JDK: its own setup").isEmpty();
        assertThat(SystemTrustStore.choose("0.1.0", "/my/store", candidates)).as("an explicit store wins").isEmpty();
        assertThat(SystemTrustStore.choose("0.1.0", null, List.of(missing))).isEmpty();
    }
}
