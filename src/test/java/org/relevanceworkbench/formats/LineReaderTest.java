package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> read(byte[] bytes) throws Exception {
        List<String> out = new ArrayList<>();
        try (LineReader lines = new LineReader(new ByteArrayInputStream(bytes))) {
            while (lines.next()) {
                out.add(lines.lineNumber() + ":" + (lines.malformed() != null ? "!" + lines.malformed() : lines.text()));
            }
        }
        return out;
    }

    @Test
    void stripsBomAndCrAndKeepsEmptyLinesAndALastLineWithoutNewline() throws Exception {
        byte[] bytes = "\uFEFFfirst\r\n\r\nthird\nlast".getBytes(StandardCharsets.UTF_8);
        assertThat(read(bytes)).containsExactly("1:first", "2:", "3:third", "4:last");
    }

    @Test
    void anEmptyInputHasNoLinesAndATrailingNewlineAddsNone() throws Exception {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read("one\n".getBytes(StandardCharsets.UTF_8))).containsExactly("1:one");
    }

    @Test
    void decodesMultibyteTextAcrossBufferBoundaries() throws Exception {
        String line = "ü€𝄞日本".repeat(20_000); // > 64 KiB of UTF-8, so characters straddle reads
        assertThat(read((line + "\nnext\n").getBytes(StandardCharsets.UTF_8))).containsExactly("1:" + line, "2:next");
    }

    @Test
    void invalidUtf8SpoilsOnlyItsLineAndSaysWhere() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("ok\nab".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3); // a lead byte without its continuation
        bytes.write("\nfine\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}); // an encoded surrogate
        assertThat(read(bytes.toByteArray())).containsExactly("1:ok", "2:!invalid UTF-8 at byte 3 of the line",
                "3:fine", "4:!invalid UTF-8 at byte 1 of the line");
    }
}
