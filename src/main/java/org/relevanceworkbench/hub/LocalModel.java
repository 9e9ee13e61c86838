package org.relevanceworkbench.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A model folder found on this machine: in the Hugging Face cache (a snapshot, with its repository, commit and the
 * refs that point at it) or among the recently used folders; its {@code config.json} (model type, architectures),
 * its size, and what it holds.
 */
public record LocalModel(String name, Path folder, Source source, String commit, List<String> refs, String modelType,
        List<String> architectures, long bytes, Weights weights, int shards, int shardsPresent, boolean tokenizer,
        boolean followIr) {

    public LocalModel {
        refs = List.copyOf(refs);
        architectures = List.copyOf(architectures);
    }

    public enum Source {
        HUB_CACHE, RECENT
    }

    /** What a folder's weights are. */
    public enum Weights {
        /** safetensors weights, all of them (every shard the index names) */
        SAFETENSORS,
        /** an index whose shards are not all there (a download not finished) */
        INCOMPLETE,
        /** pickle weights only (.bin): refused by the scorer */
        PICKLE_ONLY,
        /** no weights: config and tokenizer, enough as the tokenizer folder of a server */
        NONE
    }

    /** It loads locally: all its safetensors weights and a tokenizer.json. */
    public boolean loadable() {
        return weights == Weights.SAFETENSORS && tokenizer;
    }

    /** It serves as the tokenizer folder of a server (config.json and tokenizer.json). */
    public boolean tokenizerFolder() {
        return tokenizer;
    }

    /** {@code safetensors}, {@code tokenizer only}, {@code incomplete: 2 of 3 shards}, … */
    public String contents() {
        String w = switch (weights) {
            case SAFETENSORS -> shards > 1 ? "safetensors (" + shards + " shards)" : "safetensors";
            case INCOMPLETE -> "incomplete: " + shardsPresent + " of " + shards + " shards";
            case PICKLE_ONLY -> "pickle weights only (refused)";
            case NONE -> tokenizer ? "tokenizer only" : "config only";
        };
        return weights != Weights.NONE && !tokenizer ? w + ", no tokenizer.json" : w;
    }

    /** The revision as people know it: a ref (main) and the commit's first 7 characters. */
    public String revision() {
        if (commit == null) {
            return "";
        }
        String shortCommit = commit.length() > 7 ? commit.substring(0, 7) : commit;
        return refs.isEmpty() ? shortCommit : String.join(",", refs) + " " + shortCommit;
    }
}
