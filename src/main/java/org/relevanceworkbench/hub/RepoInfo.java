package org.relevanceworkbench.hub;

import java.util.List;
import java.util.Optional;

/**
 * A repository at a revision: the commit the revision resolves to (the answer's {@code sha}), its files, and whether
 * it is gated ({@code gated}: false, "auto" or "manual").
 */
public record RepoInfo(RepoId repo, String commit, List<HubFile> files, boolean gated) {
    public RepoInfo {
        files = List.copyOf(files);
    }

    public Optional<HubFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
