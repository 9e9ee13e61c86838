package org.relevanceworkbench.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which CA certificates HTTPS trusts in the app image. Its jlinked runtime carries only the JDK's own CA list, while
 * a Linux distribution's Java uses the system's trust store ({@code /etc/ssl/certs/java/cacerts} from Debian's and
 * Ubuntu's ca-certificates-java, {@code /etc/pki/ca-trust/extracted/java/cacerts} on Fedora and RHEL), which also
 * holds the CAs an administrator added, such as a company's TLS proxy. So that the downloaded app connects wherever
 * the system's Java does, the image takes that store too; an explicit {@code javax.net.ssl.trustStore} wins, and
 * outside the image (a system JDK, the tests) nothing changes.
 */
public final class SystemTrustStore {
    static final List<Path> CANDIDATES = List.of(Path.of("/etc/ssl/certs/java/cacerts"),
            Path.of("/etc/pki/ca-trust/extracted/java/cacerts"));

    private SystemTrustStore() {
    }

    /** Called first thing by the launcher. */
    public static void useInAppImage() {
        choose(System.getProperty("jpackage.app-version"), System.getProperty("javax.net.ssl.trustStore"), CANDIDATES)
                .ifPresent(p -> System.setProperty("javax.net.ssl.trustStore", p.toString()));
    }

    /** The store to use: only in the app image, only when none is set, the first readable candidate. */
    static Optional<Path> choose(String appImageVersion, String trustStoreSet, List<Path> candidates) {
        if (appImageVersion == null || trustStoreSet != null) {
            return Optional.empty();
        }
        return candidates.stream().filter(Files::isReadable).filter(Files::isRegularFile).findFirst();
    }
}
