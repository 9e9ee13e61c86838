package org.relevanceworkbench.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A request body written straight into bytes. The bodies are mostly token ids (32 prompts of 512 tokens make 16,384
 * numbers a request), and building a Jackson tree of one node per id costs the client more than the rest of a request
 * together; this writes the digits directly. Strings go through Jackson's quoting, so any model id stays valid JSON.
 */
final class JsonBody {
    private byte[] bytes;
    private int size;

    JsonBody(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    /** Room for a body of this many ids. */
    static JsonBody forIds(int ids) {
        return new JsonBody(64 + ids * 6);
    }

    JsonBody raw(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            put((byte) ascii.charAt(i));
        }
        return this;
    }

    /** A JSON string value (or null), quoted and escaped. */
    JsonBody string(String value) {
        if (value == null) {
            return raw("null");
        }
        byte[] quoted = quote(value);
        ensure(quoted.length);
        System.arraycopy(quoted, 0, bytes, size, quoted.length);
        size += quoted.length;
        return this;
    }

    private static byte[] quote(String value) {
        try {
            return HttpAnswer.JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a string always writes", e);
        }
    }

    /** {@code [id,id,…]} of {@code ids[from..to)}. */
    JsonBody ids(int[] ids, int from, int to) {
        ensure(2 + (to - from) * 11);
        bytes[size++] = '[';
        for (int i = from; i < to; i++) {
            if (i > from) {
                bytes[size++] = ',';
            }
            writeInt(ids[i]);
        }
        bytes[size++] = ']';
        return this;
    }

    /** {@code [[…],[…]]}: each prompt's ids from {@code skip} on. */
    JsonBody idLists(List<int[]> prompts, int skip) {
        put((byte) '[');
        for (int p = 0; p < prompts.size(); p++) {
            if (p > 0) {
                put((byte) ',');
            }
            int[] ids = prompts.get(p);
            ids(ids, skip, ids.length);
        }
        return put((byte) ']');
    }

    JsonBody number(long value) {
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        writeDigits(value);
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    private void writeInt(int value) {
        if (value < 0) {
            bytes[size++] = '-';
            writeDigits(-(long) value);
        } else {
            writeDigits(value);
        }
    }

    private void writeDigits(long value) {
        if (value < 10) {
            bytes[size++] = (byte) ('0' + value);
            return;
        }
        int start = size;
        while (value > 0) {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        for (int i = start, j = size - 1; i < j; i++, j--) { // the digits came least significant first
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
    }

    private JsonBody put(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
