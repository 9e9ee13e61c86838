package org.relevanceworkbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code .safetensors} files for tests: an 8-byte little-endian header length, the JSON
 * header, then the tensors' bytes back to back in the order they were added. Values are given as
 * floats and stored as F32, or rounded to nearest-even F16/BF16 as PyTorch's {@code .to(dtype)}
 * does. The static {@code raw} hooks write whatever bytes a test wants, so malformed files can be
 * built from a valid one.
 */
final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor to write: row-major values and the dtype to store them in. */
    record Tensor(TensorType type, long[] shape, float[] values) {
        Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape needs " + n + " values, got " + values.length);
            }
        }

        byte[] bytes() {
            return encode(type, values);
        }
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    SafetensorsWriter add(String name, TensorType type, long[] shape, float... values) {
        return add(name, new Tensor(type, shape, values));
    }

    SafetensorsWriter add(String name, Tensor tensor) {
        tensors.put(name, tensor);
        return this;
    }

    /** Adds a {@code __metadata__} entry (string to string, as the format requires). */
    SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** The header JSON this writer produces, for tests that tweak it and write it with {@link #raw}. */
    String headerJson() {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = (long) t.values().length * t.type().bytes();
            ObjectNode spec = header.putObject(e.getKey());
            spec.put("dtype", t.type().name());
            ArrayNode shape = spec.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            spec.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        return header.toString();
    }

    /** The data section: every tensor's bytes in order. */
    byte[] data() {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (Tensor t : tensors.values()) {
            byte[] b = t.bytes();
            parts.add(b);
            total += b.length;
        }
        ByteBuffer out = ByteBuffer.allocate(total);
        parts.forEach(out::put);
        return out.array();
    }

    Path write(Path file) {
        return raw(file, headerJson(), data());
    }

    /** Writes a header and data with the header length they imply. */
    static Path raw(Path file, String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return raw(file, header.length, header, data);
    }

    /** Writes a file with any declared header length, true or not. */
    static Path raw(Path file, long declaredHeaderLength, byte[] header, byte[] data) {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredHeaderLength);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(length.array());
            out.write(header);
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes a checkpoint's weights into {@code folder}: {@code model.safetensors} when
     * {@code shards} is 1, else {@code model-0000k-of-0000n.safetensors} (tensors dealt out in order,
     * in contiguous runs) plus {@code model.safetensors.index.json} with its {@code weight_map}.
     */
    static void writeWeights(Path folder, Map<String, Tensor> tensors, int shards) {
        if (shards == 1) {
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            tensors.forEach(w::add);
            w.write(folder.resolve(Checkpoint.SINGLE));
            return;
        }
        List<String> names = new ArrayList<>(tensors.keySet());
        ObjectNode index = JSON.createObjectNode();
        long totalSize = tensors.values().stream().mapToLong(t -> (long) t.values().length * t.type().bytes()).sum();
        index.putObject("metadata").put("total_size", totalSize);
        ObjectNode weightMap = index.putObject("weight_map");
        for (int s = 0; s < shards; s++) {
            String shard = shardName(s + 1, shards);
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            for (String name : names.subList(s * names.size() / shards, (s + 1) * names.size() / shards)) {
                w.add(name, tensors.get(name));
                weightMap.put(name, shard);
            }
            w.write(folder.resolve(shard));
        }
        try {
            Files.writeString(folder.resolve(Checkpoint.INDEX), index.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String shardName(int k, int n) {
        return String.format("model-%05d-of-%05d.safetensors", k, n);
    }

    static byte[] encode(TensorType type, float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (type) {
                case F32 -> out.putFloat(v);
                case F16 -> out.putShort(f16Bits(v));
                case BF16 -> out.putShort(bf16Bits(v));
                default -> throw new IllegalStateException();
            }
        }
        return out.array();
    }

    /**
     * bfloat16 is the top half of a float32; round to nearest, ties to even, by adding just under
     * half an ulp of the kept part plus its lowest kept bit before truncating (what PyTorch does).
     */
    static short bf16Bits(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040); // keep it a (quiet) NaN after truncation
        }
        int lowestKeptBit = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lowestKeptBit) >>> 16);
    }

    /**
     * IEEE half precision, round to nearest, ties to even (Java 17 has no Float.floatToFloat16).
     * In the binade of exponent e (at least -14, below which halves are subnormal with the same
     * spacing) representable halves are multiples of 2^(e-10); rint rounds the exact quotient half
     * to even. The bit pattern ((e + 15) << 10) + q - 1024 covers normals, subnormals (e = -14,
     * q < 1024) and the carry into the next binade (q = 2048) alike.
     */
    static short f16Bits(float value) {
        if (Float.isNaN(value)) {
            return (short) 0x7E00;
        }
        int sign = (Float.floatToRawIntBits(value) >>> 31) << 15;
        float a = Math.abs(value);
        if (a >= 65520f) { // halfway between 65504 (largest half) and 65536 rounds to even: infinity
            return (short) (sign | 0x7C00);
        }
        int e = Math.max(Math.getExponent(a), -14);
        long q = (long) Math.rint(a / Math.scalb(1.0, e - 10)); // exact division: scaling by a power of two
        return (short) (sign | (((e + 15) << 10) + (int) q - 1024));
    }
}
