package org.relevanceworkbench.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The models already on this machine, for Model ▸ Choose model and {@code model list}: FollowIR-7B and every
 * Mistral/Llama-family model ({@code config.json}'s {@code model_type} mistral or llama, its {@code architectures} a
 * {@code …ForCausalLM}) in the Hugging Face cache, then the recently used folders the caller passes (the window's
 * preferences).
 *
 * <p>The cache is read as {@code huggingface_hub}'s {@code scan_cache_dir} reads it: {@code models--ORG--NAME}
 * folders, each revision a {@code snapshots/<commit>/} folder whose files are relative symlinks into {@code blobs/}
 * (or copies, where symlinks cannot be made), and {@code refs/<name>} files holding the commit they point at
 * ({@code refs/main}, {@code refs/pr/1}). Every snapshot is one entry, the one {@code refs/main} names first. Sizes
 * count the files a snapshot resolves to; a broken link counts as a missing file. Nothing is written.
 */
public final class ModelCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FAMILIES = Set.of("mistral", "llama");

    private ModelCatalog() {
    }

    /** FollowIR and Mistral/Llama models in {@code hubCache}, then {@code recentFolders} (missing ones skipped). */
    public static List<LocalModel> scan(Path hubCache, List<Path> recentFolders) {
        List<LocalModel> out = new ArrayList<>(scanCache(hubCache));
        Set<Path> seen = new HashSet<>();
        for (LocalModel m : out) {
            seen.add(real(m.folder()));
        }
        for (Path folder : recentFolders) {
            if (folder == null || !Files.isDirectory(folder) || !seen.add(real(folder))) {
                continue;
            }
            inspect(folder).ifPresent(out::add);
        }
        return out;
    }

    /** The models of one hub cache, FollowIR first, then by repository; within one, main's snapshot first. */
    public static List<LocalModel> scanCache(Path hubCache) {
        List<LocalModel> out = new ArrayList<>();
        if (hubCache == null || !Files.isDirectory(hubCache)) {
            return out;
        }
        List<Path> repos = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(hubCache, RepoId.PREFIX + "*")) {
            dirs.forEach(d -> {
                if (Files.isDirectory(d)) {
                    repos.add(d);
                }
            });
        } catch (IOException e) {
            return out;
        }
        for (Path repo : repos) {
            out.addAll(scanRepo(repo));
        }
        out.sort(Comparator.comparing((LocalModel m) -> !m.followIr())
                .thenComparing(m -> m.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    private static List<LocalModel> scanRepo(Path repo) {
        String id = RepoId.idOfFolder(repo.getFileName().toString());
        Map<String, List<String>> refsOf = refs(repo.resolve("refs"));
        List<Path> snapshots = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(repo.resolve("snapshots"))) {
            dirs.forEach(d -> {
                if (Files.isDirectory(d)) {
                    snapshots.add(d);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        // main's snapshot first, then those other refs name, then the newest
        snapshots.sort(Comparator.comparing((Path s) -> !refsOf.getOrDefault(name(s), List.of()).contains("main"))
                .thenComparing(s -> refsOf.getOrDefault(name(s), List.of()).isEmpty())
                .thenComparing(ModelCatalog::modified, Comparator.reverseOrder()));
        List<LocalModel> out = new ArrayList<>();
        for (Path snapshot : snapshots) {
            String commit = name(snapshot);
            describe(snapshot, id, LocalModel.Source.HUB_CACHE, commit, refsOf.getOrDefault(commit, List.of()))
                    .ifPresent(out::add);
        }
        return out;
    }

    /** A folder anywhere (a recent one, Browse…): the model it holds, if FollowIR or of the Mistral/Llama family. */
    public static Optional<LocalModel> inspect(Path folder) {
        return describe(folder, folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(),
                LocalModel.Source.RECENT, null, List.of());
    }

    private static Optional<LocalModel> describe(Path folder, String name, LocalModel.Source source, String commit,
            List<String> refs) {
        Path config = folder.resolve(ModelFiles.CONFIG);
        String type = "";
        List<String> architectures = new ArrayList<>();
        if (Files.isRegularFile(config)) {
            try {
                JsonNode json = JSON.readTree(config.toFile());
                type = json.path("model_type").asText("");
                json.path("architectures").forEach(a -> architectures.add(a.asText()));
            } catch (IOException e) {
                type = "";
            }
        }
        boolean followIr = name.toLowerCase(Locale.ROOT).contains("followir");
        boolean family = FAMILIES.contains(type)
                && (architectures.isEmpty() || architectures.stream().anyMatch(a -> a.endsWith("ForCausalLM")));
        if (!followIr && !family) {
            return Optional.empty();
        }
        int shards = 0;
        int present = 0;
        LocalModel.Weights weights;
        Path index = folder.resolve(ModelFiles.INDEX);
        List<String> names = names(folder);
        if (Files.isRegularFile(index)) {
            Set<String> listed;
            try {
                listed = ModelFiles.shardsOf(Files.readAllBytes(index), new RepoId("local/index"));
            } catch (IOException | RuntimeException e) {
                listed = Set.of();
            }
            shards = listed.size();
            for (String shard : listed) {
                if (Files.isRegularFile(folder.resolve(shard))) {
                    present++;
                }
            }
            weights = shards > 0 && present == shards ? LocalModel.Weights.SAFETENSORS : LocalModel.Weights.INCOMPLETE;
        } else if (names.stream().anyMatch(n -> n.endsWith(".safetensors")
                && Files.isRegularFile(folder.resolve(n)))) {
            shards = 1;
            present = 1;
            weights = LocalModel.Weights.SAFETENSORS;
        } else if (names.stream().anyMatch(ModelFiles::pickle)) {
            weights = LocalModel.Weights.PICKLE_ONLY;
        } else {
            weights = LocalModel.Weights.NONE;
        }
        boolean tokenizer = Files.isRegularFile(folder.resolve("tokenizer.json"));
        return Optional.of(new LocalModel(name, folder, source, commit, refs, type, architectures, size(folder),
                weights, shards, present, tokenizer, followIr));
    }

    /** refs/** files: commit → the ref names pointing at it. */
    private static Map<String, List<String>> refs(Path refsDir) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!Files.isDirectory(refsDir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(refsDir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                try {
                    String commit = Files.readString(f).strip();
                    String ref = refsDir.relativize(f).toString().replace('\\', '/');
                    out.computeIfAbsent(commit, c -> new ArrayList<>()).add(ref);
                } catch (IOException e) {
                    // an unreadable ref names nothing
                }
            });
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static List<String> names(Path folder) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            files.forEach(f -> out.add(f.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The bytes a folder's files resolve to (through symlinks; broken links count nothing). */
    static long size(Path folder) {
        long[] total = {0};
        try (Stream<Path> files = Files.walk(folder)) {
            files.forEach(f -> {
                try {
                    if (Files.isRegularFile(f)) {
                        total[0] += Files.size(f);
                    }
                } catch (IOException e) {
                    // a file that vanished counts nothing
                }
            });
        } catch (IOException | RuntimeException e) {
            return total[0];
        }
        return total[0];
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
