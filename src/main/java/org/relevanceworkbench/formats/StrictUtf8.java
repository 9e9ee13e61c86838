package org.relevanceworkbench.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of a byte range that may span several lines (a multi-line CSV record, a
 * whole .txt file), telling which line holds the first bad byte so that the problem points at it
 * the way {@link LineReader} does for single lines.
 */
final class StrictUtf8 {
    /** The first byte that is not valid UTF-8: how many lines after the range's first, and its 1-based byte in that line. */
    record BadByte(long linesAfterStart, int byteInLine) {
    }

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private BadByte bad;

    /** {@code bytes[from, to)} decoded, or null when it is not valid UTF-8; {@link #bad()} then says where. */
    CharBuffer decode(byte[] bytes, int from, int to) {
        bad = null;
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        // UTF-8 never yields more UTF-16 units than it has bytes, so this cannot overflow.
        CharBuffer out = CharBuffer.allocate(to - from);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            bad = locate(bytes, from, in.position());
            return null;
        }
        return out.flip();
    }

    /** Where the last {@link #decode} failed; null after a success. */
    BadByte bad() {
        return bad;
    }

    private static BadByte locate(byte[] bytes, int from, int badIndex) {
        long newlines = 0;
        int lineStart = from;
        for (int i = from; i < badIndex; i++) {
            if (bytes[i] == '\n') {
                newlines++;
                lineStart = i + 1;
            }
        }
        return new BadByte(newlines, badIndex - lineStart + 1);
    }
}
