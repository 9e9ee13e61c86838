package org.relevanceworkbench.model;

import java.util.Arrays;

/**
 * One tensor of a safetensors file: its dtype, shape, and where its bytes lie ({@code begin} and
 * {@code end}, absolute offsets in the file).
 */
public record TensorInfo(String name, TensorType type, long[] shape, long begin, long end) {
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    public long bytes() {
        return end - begin;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
