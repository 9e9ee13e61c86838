package org.relevanceworkbench.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * BF16 and F16 conversions done in Java, because DJL's PyTorch engine aborts the JVM on any BF16
 * tensor (its JNI maps dtypes 0–8 only). BF16 → F32 is exact (BF16 is F32's top half); F32 → F16
 * rounds to nearest, ties to even, as PyTorch's {@code .half()} does.
 */
public final class HalfFloats {
    /** The largest finite F16 value. */
    public static final float F16_MAX = 65504f;

    private HalfFloats() {
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    public static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // inf or NaN
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float subnormal = mantissa * 0x1p-24f; // subnormal: mantissa · 2^-24
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Rounds to the nearest F16, ties to even; beyond ±65504 the result is ±infinity. */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0)); // inf stays inf, NaN stays NaN
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: ±0
            }
            int m = mantissa | 0x800000; // the implicit 1
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, up to infinity: still correct
        }
        return (short) (sign | half);
    }

    /**
     * Converts a tensor's bytes into {@code target} (native byte order, as torch reads it) as F32
     * or F16. Returns the largest magnitude seen, so callers can refuse values that overflow F16.
     */
    public static float convert(ByteBuffer source, TensorType from, ByteBuffer target, boolean toF16) {
        ByteBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        in.rewind();
        ByteBuffer out = target.order(ByteOrder.nativeOrder());
        out.clear();
        float maxAbs = 0;
        while (in.hasRemaining()) {
            float v = switch (from) {
                case F32 -> in.getFloat();
                case F16 -> f16ToFloat(in.getShort());
                case BF16 -> bf16ToFloat(in.getShort());
            };
            float abs = Math.abs(v);
            if (abs > maxAbs || Float.isNaN(v)) {
                maxAbs = Float.isNaN(v) ? Float.NaN : abs;
            }
            if (toF16) {
                out.putShort(floatToF16(v));
            } else {
                out.putFloat(v);
            }
        }
        out.flip();
        return maxAbs;
    }
}
