package org.relevanceworkbench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Hugging Face model folder as {@code huggingface-cli download} leaves it: {@code config.json},
 * {@code tokenizer.json}, and the weights in {@code model.safetensors} or in shards
 * {@code model-0000k-of-0000n.safetensors} listed by {@code model.safetensors.index.json}.
 * Opening checks that every tensor the config implies is there with the right shape, so that
 * loading never starts on a checkpoint it cannot finish.
 */
public final class Checkpoint implements AutoCloseable {
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";

    private final Path folder;
    private final MistralConfig config;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> fileOf;
    private final Map<String, TensorInfo> tensors;

    private Checkpoint(Path folder, MistralConfig config, List<SafetensorsFile> files,
            Map<String, SafetensorsFile> fileOf, Map<String, TensorInfo> tensors) {
        this.folder = folder;
        this.config = config;
        this.files = files;
        this.fileOf = fileOf;
        this.tensors = tensors;
    }

    public static Checkpoint open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ModelException(folder + " is not a folder (give the model folder, e.g. the one "
                    + "'huggingface-cli download jhu-clsp/FollowIR-7B' creates)");
        }
        MistralConfig config = MistralConfig.read(folder);
        List<Path> paths = weightFiles(folder);
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            for (Path path : paths) {
                SafetensorsFile file = SafetensorsFile.open(path);
                files.add(file);
                for (TensorInfo t : file.tensors().values()) {
                    if (tensors.put(t.name(), t) != null) {
                        throw new ModelException(folder + ": tensor " + t.name() + " appears in two weight files");
                    }
                    fileOf.put(t.name(), file);
                }
            }
            checkShapes(folder, config, tensors);
            return new Checkpoint(folder, config, List.copyOf(files), fileOf, tensors);
        } catch (RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static List<Path> weightFiles(Path folder) {
        Path index = folder.resolve(INDEX);
        if (Files.isRegularFile(index)) {
            return shardsOf(folder, index);
        }
        if (Files.isRegularFile(folder.resolve(SINGLE))) {
            return List.of(folder.resolve(SINGLE));
        }
        try (Stream<Path> listing = Files.list(folder)) {
            boolean pickle = listing.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.endsWith(".bin") || n.endsWith(".pt") || n.endsWith(".pth"));
            if (pickle) {
                throw new ModelException(folder + " has only PyTorch pickle weights (.bin); they can run arbitrary code "
                        + "when loaded, so they are refused. Download the .safetensors files instead");
            }
        } catch (IOException e) {
            throw new ModelException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        throw new ModelException(folder + " has no " + SINGLE + " and no " + INDEX);
    }

    private static List<Path> shardsOf(Path folder, Path index) {
        JsonNode map;
        try {
            map = new ObjectMapper().readTree(index.toFile()).get("weight_map");
        } catch (IOException e) {
            throw new ModelException(index + " is not valid JSON", e);
        }
        if (map == null || !map.isObject()) {
            throw new ModelException(index + " has no weight_map");
        }
        List<Path> shards = new ArrayList<>();
        for (Iterator<JsonNode> it = map.elements(); it.hasNext();) {
            String shard = it.next().asText();
            Path path = folder.resolve(shard).normalize();
            if (!path.startsWith(folder.normalize()) || shard.contains("/")) {
                throw new ModelException(index + " names a shard outside the folder: " + shard);
            }
            if (!shards.contains(path)) {
                if (!Files.isRegularFile(path)) {
                    throw new ModelException(index + " lists " + shard + ", which is missing");
                }
                shards.add(path);
            }
        }
        return shards;
    }

    private static void checkShapes(Path folder, MistralConfig config, Map<String, TensorInfo> tensors) {
        for (Map.Entry<String, long[]> expected : MistralTensorNames.expectedShapes(config).entrySet()) {
            TensorInfo found = tensors.get(expected.getKey());
            if (found == null) {
                throw new ModelException(folder + " lacks tensor " + expected.getKey());
            }
            if (!Arrays.equals(found.shape(), expected.getValue())) {
                throw new ModelException("tensor " + expected.getKey() + " has shape " + found.shapeText()
                        + " but config.json implies " + Arrays.toString(expected.getValue()));
            }
        }
    }

    public Path folder() {
        return folder;
    }

    public MistralConfig config() {
        return config;
    }

    public TensorInfo tensor(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new ModelException(folder + " lacks tensor " + name);
        }
        return t;
    }

    /** A read-only little-endian mapping of the tensor's bytes. */
    public ByteBuffer map(String name) {
        return fileOf.get(tensor(name).name()).map(tensor(name));
    }

    /** Bytes of all the weights the model uses. */
    public long weightBytes() {
        return MistralTensorNames.expectedShapes(config).keySet().stream().mapToLong(n -> tensors.get(n).bytes()).sum();
    }

    /** Values in all the weights the model uses. */
    public long weightElements() {
        return MistralTensorNames.expectedShapes(config).keySet().stream().mapToLong(n -> tensors.get(n).elements()).sum();
    }

    /**
     * Identifies these weights for score caches and run provenance without reading 14 GB: SHA-256
     * over config.json, every safetensors header, and 4 KiB from the middle of every tensor (a
     * fine-tune changes those even where it keeps every shape).
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(folder.resolve("config.json")));
            for (SafetensorsFile file : files) {
                sha.update(file.header());
            }
            for (TensorInfo t : tensors.values()) {
                sha.update(t.name().getBytes(StandardCharsets.UTF_8));
                sha.update(fileOf.get(t.name()).sample(t, 4096));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new ModelException("cannot read " + folder + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
