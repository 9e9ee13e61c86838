package org.relevanceworkbench.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A download about to start: the commit, the model folder it fills, every file it takes (config, tokenizer, index,
 * safetensors weights), those already complete, and the bytes still to come over the network.
 */
public record DownloadPlan(RepoId repo, String commit, Path folder, List<String> files, List<String> alreadyThere,
        long bytesToFetch, long bytesInAll, boolean weights) {
    public DownloadPlan {
        files = List.copyOf(files);
        alreadyThere = List.copyOf(alreadyThere);
    }
}
