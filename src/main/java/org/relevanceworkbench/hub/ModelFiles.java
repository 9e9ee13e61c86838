package org.relevanceworkbench.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relevanceworkbench.common.UserException;

/**
 * Which files of a repository scoring needs: {@code config.json}, {@code generation_config.json}, the tokenizer files,
 * {@code model.safetensors.index.json} and the safetensors weights; never pickle ({@code *.bin}, {@code *.pt},
 * {@code *.pth}, {@code *.ckpt}), which can run code when loaded. Only files at the top of the repository (where
 * {@code FollowIrScorer} looks); a {@code consolidated.safetensors} beside the Transformers shards (Mistral's own
 * format, the same weights again) is left out.
 */
final class ModelFiles {
    static final String CONFIG = "config.json";
    static final String INDEX = "model.safetensors.index.json";
    static final String SINGLE = "model.safetensors";
    static final List<String> METADATA = List.of(CONFIG, "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model", "added_tokens.json", INDEX);

    private ModelFiles() {
    }

    static boolean topLevel(String name) {
        return !name.contains("/") && !name.contains("\\") && !name.startsWith(".") && !name.equals("..");
    }

    static boolean safetensors(String name) {
        return topLevel(name) && name.endsWith(".safetensors");
    }

    /** Pickle weights (a {@code training_args.bin} is not weights). */
    static boolean pickle(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return topLevel(name) && !n.equals("training_args.bin")
                && (n.endsWith(".bin") || n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ckpt")
                        || n.endsWith(".pkl") || n.endsWith(".pickle"));
    }

    /** The small files, in the order they are fetched (config first). */
    static List<HubFile> metadata(RepoInfo info) {
        List<HubFile> out = new ArrayList<>();
        for (String name : METADATA) {
            info.file(name).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The weight files. With an index, the shards its {@code weight_map} names (each must be in the listing);
     * else {@code model.safetensors}; else every top-level safetensors file but {@code consolidated*}.
     */
    static List<HubFile> weights(RepoInfo info, byte[] index) {
        if (index != null) {
            List<HubFile> shards = new ArrayList<>();
            for (String shard : shardsOf(index, info.repo())) {
                shards.add(info.file(shard).orElseThrow(() -> new UserException(info.repo() + ": " + INDEX
                        + " names " + shard + ", which the repository does not have")));
            }
            return shards;
        }
        if (info.file(SINGLE).isPresent()) {
            return List.of(info.file(SINGLE).get());
        }
        List<HubFile> all = info.files().stream().filter(f -> safetensors(f.name())).toList();
        List<HubFile> transformers = all.stream().filter(f -> !f.name().startsWith("consolidated")).toList();
        return transformers.isEmpty() ? all : transformers;
    }

    static Set<String> shardsOf(byte[] index, RepoId repo) {
        JsonNode map;
        try {
            map = new ObjectMapper().readTree(index).get("weight_map");
        } catch (IOException e) {
            throw new UserException(repo + ": its " + INDEX + " is not valid JSON");
        }
        if (map == null || !map.isObject()) {
            throw new UserException(repo + ": its " + INDEX + " has no weight_map");
        }
        Set<String> shards = new LinkedHashSet<>();
        for (Iterator<JsonNode> it = map.elements(); it.hasNext();) {
            String shard = it.next().asText();
            if (!safetensors(shard)) {
                throw new UserException(repo + ": its " + INDEX + " names " + shard
                        + ", not a safetensors file at the top of the repository");
            }
            shards.add(shard);
        }
        return shards;
    }

    /** The pickle weights a repository without safetensors has, for the refusal. */
    static List<String> pickles(RepoInfo info) {
        return info.files().stream().map(HubFile::name).filter(ModelFiles::pickle).sorted().toList();
    }
}
