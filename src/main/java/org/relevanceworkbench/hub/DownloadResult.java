package org.relevanceworkbench.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished download: the model folder (a snapshot of the hub cache, or the plain folder), its commit, its files,
 * how many were fetched now, and whether it holds weights (it loads locally) or only config and tokenizer (enough as
 * the tokenizer folder of a server).
 */
public record DownloadResult(RepoId repo, String commit, Path folder, List<String> files, int fetched,
        int alreadyThere, long bytesFetched, boolean weights) {
    public DownloadResult {
        files = List.copyOf(files);
    }
}
