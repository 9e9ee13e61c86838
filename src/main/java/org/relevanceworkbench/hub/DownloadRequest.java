package org.relevanceworkbench.hub;

import java.nio.file.Path;

/**
 * What to download: a repository at a revision (a branch, a tag or a commit; default {@code main}), into the hub
 * cache ({@code folder} null) or into a plain folder.
 */
public record DownloadRequest(String repo, String revision, Path folder) {
    public static final String FOLLOWIR = "jhu-clsp/FollowIR-7B";

    public DownloadRequest {
        revision = revision == null || revision.isBlank() ? "main" : revision.strip();
    }

    public static DownloadRequest of(String repo) {
        return new DownloadRequest(repo, "main", null);
    }

    public DownloadRequest atRevision(String newRevision) {
        return new DownloadRequest(repo, newRevision, folder);
    }

    /** A plain folder instead of the hub cache (null: the cache). */
    public DownloadRequest intoFolder(Path newFolder) {
        return new DownloadRequest(repo, revision, newFolder);
    }
}
