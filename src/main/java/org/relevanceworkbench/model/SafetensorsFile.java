package org.relevanceworkbench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .safetensors} file, read without loading it: an 8-byte little-endian header length, a
 * JSON header naming each tensor's dtype, shape and byte range, then the raw data. Every tensor is
 * memory-mapped on its own, so files beyond 2 GiB work (one mapping is limited to 2 GiB, and
 * DJL's {@code NDList.decode} fails there). Every header field is checked before any data is
 * touched, so a malformed file gives a clear error instead of an out-of-memory error or a crash.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Larger headers are refused rather than read into memory: real ones are a few hundred KiB. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final Map<String, TensorInfo> tensors;
    private final byte[] header;

    private SafetensorsFile(Path path, FileChannel channel, Map<String, TensorInfo> tensors, byte[] header) {
        this.path = path;
        this.channel = channel;
        this.tensors = tensors;
        this.header = header;
    }

    public static SafetensorsFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ModelException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw bad(path, "too short to be a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength < 2 || headerLength > size - 8) {
                throw bad(path, "header length " + Long.toUnsignedString(headerLength) + " lies beyond the file ("
                        + size + " bytes)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw bad(path, "header of " + headerLength + " bytes is implausibly large");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            byte[] header = headerBytes.array();
            long dataStart = 8 + headerLength;
            Map<String, TensorInfo> tensors = parseHeader(path, header, dataStart, size - dataStart);
            return new SafetensorsFile(path, channel, tensors, header);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ModelException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Map<String, TensorInfo> parseHeader(Path path, byte[] header, long dataStart, long dataLength) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(new String(header, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw bad(path, "header is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw bad(path, "header is not a JSON object");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            tensors.put(entry.getKey(), tensor(path, entry.getKey(), entry.getValue(), dataStart, dataLength));
        }
        checkNoOverlap(path, tensors);
        return tensors;
    }

    private static TensorInfo tensor(Path path, String name, JsonNode spec, long dataStart, long dataLength) {
        String dtype = spec.path("dtype").asText("");
        TensorType type;
        try {
            type = TensorType.valueOf(dtype);
        } catch (IllegalArgumentException e) {
            throw bad(path, "tensor " + name + " has dtype '" + dtype + "'; only F32, F16 and BF16 weights are supported");
        }
        JsonNode shapeNode = spec.get("shape");
        JsonNode offsets = spec.get("data_offsets");
        if (shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw bad(path, "tensor " + name + " lacks a shape or a pair of data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        long byteCount;
        try {
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToLong() || d.asLong() < 0) {
                    throw bad(path, "tensor " + name + " has an invalid shape " + shapeNode);
                }
                shape[i] = d.asLong();
                elements = Math.multiplyExact(elements, shape[i]);
            }
            byteCount = Math.multiplyExact(elements, type.bytes());
        } catch (ArithmeticException e) {
            throw bad(path, "tensor " + name + " has a shape " + shapeNode + " too large for any file");
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLength) {
            throw bad(path, "tensor " + name + " has data offsets [" + begin + ", " + end + "] outside the data ("
                    + dataLength + " bytes)");
        }
        if (end - begin != byteCount) {
            throw bad(path, "tensor " + name + " holds " + (end - begin) + " bytes but its shape " + shapeNode + " of "
                    + dtype + " needs " + byteCount);
        }
        return new TensorInfo(name, type, shape, dataStart + begin, dataStart + end);
    }

    private static void checkNoOverlap(Path path, Map<String, TensorInfo> tensors) {
        List<TensorInfo> byStart = new ArrayList<>(tensors.values());
        byStart.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < byStart.size(); i++) {
            TensorInfo previous = byStart.get(i - 1);
            TensorInfo current = byStart.get(i);
            if (current.begin() < previous.end()) {
                throw bad(path, "tensors " + previous.name() + " and " + current.name() + " overlap");
            }
        }
    }

    public Path path() {
        return path;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The raw header JSON, for fingerprints. */
    byte[] header() {
        return header.clone();
    }

    /**
     * The tensor's bytes, little-endian, as a read-only mapping of just that tensor. Never write
     * to it or run in-place ops on an array made from it: the memory is the file's.
     */
    public ByteBuffer map(TensorInfo tensor) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, tensor.begin(), tensor.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelException("cannot map tensor " + tensor.name() + " of " + path + ": " + e.getMessage(), e);
        }
    }

    /** A few bytes from the middle of a tensor, read without mapping: what a fingerprint samples. */
    byte[] sample(TensorInfo tensor, int max) {
        int n = (int) Math.min(max, tensor.bytes());
        ByteBuffer buf = ByteBuffer.allocate(n);
        try {
            readFully(channel, buf, tensor.begin() + (tensor.bytes() - n) / 2);
        } catch (IOException e) {
            throw new ModelException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return buf.array();
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            at += n;
        }
    }

    private static ModelException bad(Path path, String what) {
        return new ModelException(path + ": " + what);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
