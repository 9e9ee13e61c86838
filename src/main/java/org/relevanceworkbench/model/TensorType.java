package org.relevanceworkbench.model;

/** The safetensors dtypes a checkpoint's weights may come in. */
public enum TensorType {
    F32(4), F16(2), BF16(2);

    private final int bytes;

    TensorType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
