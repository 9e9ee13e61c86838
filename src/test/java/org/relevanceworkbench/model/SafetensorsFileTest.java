package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    /** Opening must fail with a one-line ModelException that names the file. */
    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> SafetensorsFile.open(file).close())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageNotContaining("\n");
    }

    private Path withHeader(String name, String header, int dataBytes) {
        return SafetensorsWriter.raw(dir.resolve(name), header, new byte[dataBytes]);
    }

    // ---- the 8-byte length prefix -------------------------------------------------------

    @Test
    void aFileShorterThanTheLengthPrefixIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3, 4, 5});
        refused(file).hasMessageContaining("too short").hasMessageContaining("5 bytes");
        refused(Files.write(dir.resolve("empty.safetensors"), new byte[0])).hasMessageContaining("too short");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefused() {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = SafetensorsWriter.raw(dir.resolve("cut.safetensors"), 1000, header, new byte[0]);
        refused(file).hasMessageContaining("header length 1000").hasMessageContaining("beyond the file");
    }

    @Test
    void aHugeOrNegativeHeaderLengthIsRefusedWithoutAllocatingIt() {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        // 2^62 would be an OutOfMemoryError (or a negative int cast) if the reader trusted it.
        refused(SafetensorsWriter.raw(dir.resolve("huge.safetensors"), 1L << 62, header, new byte[0]))
                .hasMessageContaining("header length " + (1L << 62));
        // 2^64 − 1 read as a signed long is −1: shown unsigned, as the file means it.
        refused(SafetensorsWriter.raw(dir.resolve("negative.safetensors"), -1, header, new byte[0]))
                .hasMessageContaining("header length 18446744073709551615");
    }

    @Test
    void aHeaderThatFitsTheFileButIsImplausiblyLargeIsRefused() throws IOException {
        // A sparse 200 MB file whose "header" fills it: refused before 200 MB are read into memory.
        Path file = dir.resolve("bloated.safetensors");
        long headerLength = 200L * 1024 * 1024;
        SafetensorsWriter.raw(file, headerLength, new byte[0], new byte[0]);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(8 + headerLength);
        }
        refused(file).hasMessageContaining("implausibly large");
    }

    // ---- the JSON header -----------------------------------------------------------------

    @Test
    void aHeaderThatIsNotJsonIsRefused() {
        refused(withHeader("garbage.safetensors", "this is not json", 0)).hasMessageContaining("not valid JSON");
        refused(withHeader("array.safetensors", "[1, 2, 3]", 0)).hasMessageContaining("not a JSON object");
    }

    @Test
    void unsupportedDtypesAreRefusedByName() {
        for (String dtype : new String[] {"I64", "F8_E4M3", "F64", "BOOL"}) {
            String header = "{\"w\": {\"dtype\": \"" + dtype + "\", \"shape\": [2], \"data_offsets\": [0, 16]}}";
            refused(withHeader(dtype + ".safetensors", header, 16))
                    .hasMessageContaining("tensor w").hasMessageContaining("'" + dtype + "'");
        }
    }

    @Test
    void aShapeThatDoesNotMatchTheByteCountIsRefused() {
        // 2 × 3 F32 = 24 bytes, but the offsets give 20.
        String header = "{\"w\": {\"dtype\": \"F32\", \"shape\": [2, 3], \"data_offsets\": [0, 20]}}";
        refused(withHeader("mismatch.safetensors", header, 24))
                .hasMessageContaining("tensor w").hasMessageContaining("20 bytes").hasMessageContaining("needs 24");
    }

    @Test
    void shapesWhoseByteCountOverflowsAreRefused() {
        // 2^40 · 2^40 elements overflow a long; 2^62 + 1 F32 elements are 2^64 + 4 bytes, which a
        // wrapping multiplication would take for the 4 bytes on offer.
        String overflow = "{\"w\": {\"dtype\": \"F32\", \"shape\": [1099511627776, 1099511627776], \"data_offsets\": [0, 4]}}";
        refused(withHeader("overflow.safetensors", overflow, 4)).hasMessageContaining("tensor w");
        String wraps = "{\"w\": {\"dtype\": \"F32\", \"shape\": [4611686018427387905], \"data_offsets\": [0, 4]}}";
        refused(withHeader("wraps.safetensors", wraps, 4)).hasMessageContaining("tensor w");
    }

    @Test
    void negativeOrMissingShapesAndOffsetsAreRefused() {
        refused(withHeader("negative.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 4))
                .hasMessageContaining("tensor w").hasMessageContaining("invalid shape");
        refused(withHeader("noshape.safetensors", "{\"w\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", 4))
                .hasMessageContaining("tensor w");
        refused(withHeader("nooffsets.safetensors", "{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4))
                .hasMessageContaining("tensor w");
    }

    @Test
    void offsetsOutsideTheDataAreRefused() {
        String header = "{\"w\": {\"dtype\": \"F32\", \"shape\": [4], \"data_offsets\": [8, 24]}}";
        refused(withHeader("outside.safetensors", header, 16))
                .hasMessageContaining("tensor w").hasMessageContaining("outside the data (16 bytes)");
        String backwards = "{\"w\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [8, 4]}}";
        refused(withHeader("backwards.safetensors", backwards, 16)).hasMessageContaining("tensor w");
    }

    @Test
    void overlappingTensorsAreRefused() {
        String header = """
                {"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                 "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}""";
        refused(withHeader("overlap.safetensors", header, 16))
                .hasMessageContaining("tensors a and b overlap");
    }

    // ---- valid files ----------------------------------------------------------------------

    @Test
    void validFilesListTheirTensorsAndMapTheirBytes() {
        float[] f32 = {1.5f, -2.25f, 3.0e-5f, 65504f, -0f, 7f};
        float[] f16 = {1f, -2.5f, 65504f, (float) Math.scalb(1.0, -24), 0.333251953125f, -0f};
        float[] bf16 = {1f, -3f, 0.15625f, (float) Math.scalb(1.0, 127), (float) Math.scalb(1.0, -133), 256f};
        Path file = new SafetensorsWriter()
                .metadata("format", "pt")
                .add("a.f32", TensorType.F32, new long[] {2, 3}, f32)
                .add("b.f16", TensorType.F16, new long[] {6}, f16)
                .add("c.bf16", TensorType.BF16, new long[] {3, 2}, bf16)
                .write(dir.resolve("valid.safetensors"));
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            // __metadata__ is not a tensor.
            assertThat(st.tensors()).containsOnlyKeys("a.f32", "b.f16", "c.bf16");
            TensorInfo a = st.tensors().get("a.f32");
            assertThat(a.type()).isEqualTo(TensorType.F32);
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat(a.bytes()).isEqualTo(24);
            assertThat(st.tensors().get("c.bf16").shape()).containsExactly(3, 2);

            ByteBuffer af = st.map(a);
            assertThat(af.isReadOnly()).isTrue();
            for (int i = 0; i < f32.length; i++) {
                assertThat(af.getFloat(i * 4)).isEqualTo(f32[i]);
            }
            // Every F16/BF16 value above is exactly representable, so it must come back unchanged.
            ByteBuffer bf = st.map(st.tensors().get("b.f16"));
            for (int i = 0; i < f16.length; i++) {
                assertThat(ReferenceMistral.halfToDouble(bf.getShort(i * 2))).isEqualTo(f16[i]);
            }
            ByteBuffer cf = st.map(st.tensors().get("c.bf16"));
            for (int i = 0; i < bf16.length; i++) {
                assertThat(Float.intBitsToFloat((cf.getShort(i * 2) & 0xFFFF) << 16)).isEqualTo(bf16[i]);
            }
        }
    }

    @Test
    void anEmptyFileWithAnEmptyHeaderHasNoTensors() {
        try (SafetensorsFile st = SafetensorsFile.open(withHeader("none.safetensors", "{}", 0))) {
            assertThat(st.tensors()).isEmpty();
        }
    }

    // ---- the writer's rounding, on which every narrow-dtype test relies ----------------------

    @Test
    void theWriterRoundsToHalfToNearestEven() {
        assertThat(SafetensorsWriter.f16Bits(1f)).isEqualTo((short) 0x3C00);
        assertThat(SafetensorsWriter.f16Bits(-2f)).isEqualTo((short) 0xC000);
        assertThat(SafetensorsWriter.f16Bits(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(SafetensorsWriter.f16Bits(65519f)).isEqualTo((short) 0x7BFF); // below the midpoint
        assertThat(SafetensorsWriter.f16Bits(65520f)).isEqualTo((short) 0x7C00); // midpoint ties to "even" ∞
        assertThat(SafetensorsWriter.f16Bits(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
        assertThat(SafetensorsWriter.f16Bits(0.1f)).isEqualTo((short) 0x2E66);
        // Half's ulp at 1 is 2^-10: 1 + 2^-11 is a tie, kept at even 1.0; 1 + 3·2^-11 goes up to even 1 + 2^-9.
        assertThat(SafetensorsWriter.f16Bits(1f + (float) Math.scalb(1.0, -11))).isEqualTo((short) 0x3C00);
        assertThat(SafetensorsWriter.f16Bits(1f + 3 * (float) Math.scalb(1.0, -11))).isEqualTo((short) 0x3C02);
        // Subnormals: 2^-24 is the smallest; 2^-25 is a tie between 0 and it and goes to even 0;
        // the largest subnormal 1023·2^-24 and the smallest normal 2^-14.
        assertThat(SafetensorsWriter.f16Bits((float) Math.scalb(1.0, -24))).isEqualTo((short) 0x0001);
        assertThat(SafetensorsWriter.f16Bits((float) Math.scalb(1.0, -25))).isEqualTo((short) 0x0000);
        assertThat(SafetensorsWriter.f16Bits((float) Math.scalb(1.5, -25))).isEqualTo((short) 0x0001);
        assertThat(SafetensorsWriter.f16Bits((float) (1023 * Math.scalb(1.0, -24)))).isEqualTo((short) 0x03FF);
        assertThat(SafetensorsWriter.f16Bits((float) Math.scalb(1.0, -14))).isEqualTo((short) 0x0400);
        assertThat(SafetensorsWriter.f16Bits(-0f)).isEqualTo((short) 0x8000);
        assertThat(Float.isNaN((float) ReferenceMistral.halfToDouble(SafetensorsWriter.f16Bits(Float.NaN)))).isTrue();
    }

    @Test
    void theWriterRoundsToBfloat16ToNearestEven() {
        assertThat(SafetensorsWriter.bf16Bits(1f)).isEqualTo((short) 0x3F80);
        assertThat(SafetensorsWriter.bf16Bits(-3f)).isEqualTo((short) 0xC040);
        // bfloat16's ulp at 1 is 2^-7: 1 + 2^-8 ties to even 1.0, 1 + 3·2^-8 ties up to 1 + 2^-6,
        // and anything past the midpoint rounds up.
        assertThat(SafetensorsWriter.bf16Bits(1f + (float) Math.scalb(1.0, -8))).isEqualTo((short) 0x3F80);
        assertThat(SafetensorsWriter.bf16Bits(1f + 3 * (float) Math.scalb(1.0, -8))).isEqualTo((short) 0x3F82);
        assertThat(SafetensorsWriter.bf16Bits(1f + (float) Math.scalb(1.0, -8) + (float) Math.scalb(1.0, -20)))
                .isEqualTo((short) 0x3F81);
        assertThat(SafetensorsWriter.bf16Bits(0.1f)).isEqualTo((short) 0x3DCD);
        assertThat(SafetensorsWriter.bf16Bits(Float.MAX_VALUE)).isEqualTo((short) 0x7F80); // rounds up to ∞
        assertThat(Float.isNaN(Float.intBitsToFloat(SafetensorsWriter.bf16Bits(Float.NaN) << 16))).isTrue();
    }
}
