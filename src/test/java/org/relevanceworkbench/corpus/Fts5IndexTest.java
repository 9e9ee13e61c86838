package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the fast BM25 path decodes from FTS5's index by hand: the union of a term's doclists from several segments, and
 * the term's instances in a position list, counted eight bytes at a time.
 */
class Fts5IndexTest {
    private static Fts5Index.Doclist doclist(long... rowsAndCounts) {
        long[] rows = new long[rowsAndCounts.length / 2];
        int[] counts = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rowsAndCounts[2 * i];
            counts[i] = (int) rowsAndCounts[2 * i + 1];
        }
        return new Fts5Index.Doclist(rows, counts, rows.length);
    }

    @Test
    void segmentsOfDisjointRowsAreJoinedInRowOrderWhateverTheirOrderInTheStructure() {
        Fts5Index.Doclist merged = Fts5Index.merge(List.of(doclist(20, 1, 25, 4), doclist(1, 2, 7, 3), doclist(30, 9)));

        assertThat(merged.size()).isEqualTo(5);
        assertThat(merged.rows()).containsExactly(1, 7, 20, 25, 30);
        assertThat(merged.counts()).containsExactly(2, 3, 1, 4, 9);
    }

    @Test
    void segmentsWhoseRowsInterleaveAreMergedRowByRow() {
        Fts5Index.Doclist merged = Fts5Index.merge(List.of(doclist(2, 1, 9, 2), doclist(1, 5, 4, 6, 12, 7),
                doclist(3, 8)));

        assertThat(merged.rows()).containsExactly(1, 2, 3, 4, 9, 12);
        assertThat(merged.counts()).containsExactly(5, 1, 8, 6, 2, 7);
    }

    @Test
    void aRowInTwoSegmentsIsLeftToFts5() {
        assertThatThrownBy(() -> Fts5Index.merge(List.of(doclist(1, 1, 5, 1), doclist(3, 1, 5, 2))))
                .isInstanceOf(Fts5Index.Unsupported.class).hasMessage("row 5 in two segments");
    }

    @Test
    void oneSegmentOrNoneIsAsItIs() {
        Fts5Index.Doclist only = doclist(4, 1);

        assertThat(Fts5Index.merge(List.of(only))).isSameAs(only);
        assertThat(Fts5Index.merge(List.of()).size()).isZero();
    }

    /** An SQLite varint, as FTS5 writes positions: big-endian groups of 7 bits, the high bit set on all but the last. */
    private static void varint(ByteArrayOutputStream out, List<Integer> starts, long value) {
        starts.add(out.size());
        int groups = 1;
        while (groups < 8 && value >>> (7 * groups) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            out.write((int) (value >>> (7 * g) & 0x7f) | (g > 0 ? 0x80 : 0));
        }
    }

    @Test
    void positionsAreCountedExactlyAcrossColumnMarkersMultiByteVarintsAndPageBreaks() {
        SplittableRandom random = new SplittableRandom(5);
        for (int list = 0; list < 2000; list++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Integer> starts = new ArrayList<>(); // where each varint begins: where a page may break
            int positions = 0;
            for (int column = 0; column < 2; column++) {
                int here = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
                if (column == 0 && here == 0) {
                    here = 1; // a poslist holds at least one position
                }
                if (column == 1 && here > 0) {
                    varint(out, starts, 1); // the column marker
                    varint(out, starts, 1); // and the column's number
                }
                for (int p = 0; p < here; p++) {
                    // deltas + 2; 127, 129 and 16,385 end in bytes 0x7f, 0x01 and 0x01 after a continuation byte
                    long[] awkward = {2, 127, 128, 129, 16_385, 2_097_153};
                    varint(out, starts, random.nextInt(3) == 0 ? awkward[random.nextInt(awkward.length)]
                            : 2 + random.nextInt(random.nextBoolean() ? 100 : 300_000));
                }
                positions += here;
            }
            byte[] bytes = out.toByteArray();
            byte[] padded = new byte[bytes.length + 11]; // a poslist inside a page, with bytes before and after it
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            padded[2] = (byte) 0x80;
            padded[3 + bytes.length] = 1;

            assertThat(Fts5Index.countPositionsColumnOne(padded, 3, 3 + bytes.length)).as("list %d", list)
                    .isEqualTo(positions);
            int at = starts.get(random.nextInt(starts.size()));
            assertThat(Fts5Index.countPositionsColumnOne(bytes, 0, at)
                    + Fts5Index.countPositionsColumnOne(bytes, at, bytes.length)).as("list %d broken at %d", list, at)
                    .isEqualTo(positions);
        }
    }

    @Test
    void shortPositionListsAreCountedExactlyWhereverTheyEnd() {
        SplittableRandom random = new SplittableRandom(11);
        for (int list = 0; list < 5000; list++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Integer> starts = new ArrayList<>();
            int positions = 1 + random.nextInt(3);
            for (int p = 0; p < positions; p++) {
                varint(out, starts, 2 + random.nextInt(random.nextInt(4) == 0 ? 300 : 100));
            }
            if (random.nextBoolean()) { // a second column: marker, number, one position
                varint(out, starts, 1);
                varint(out, starts, 1);
                varint(out, starts, 2 + random.nextInt(200));
                positions++;
            }
            byte[] bytes = out.toByteArray();
            int before = random.nextInt(10);
            int after = random.nextInt(10); // 0: the list ends the array, no whole word can be read past it
            byte[] page = new byte[before + bytes.length + after];
            random.nextBytes(page); // whatever follows or precedes a poslist must not count
            System.arraycopy(bytes, 0, page, before, bytes.length);

            assertThat(Fts5Index.countPositionsColumnOne(page, before, before + bytes.length))
                    .as("list %d of %d bytes, %d after it", list, bytes.length, after).isEqualTo(positions);
        }
    }

    @Test
    void aPositionListCutInsideAVarintIsLeftToFts5() {
        byte[] cut = {2, 3, (byte) 0x81};

        assertThatThrownBy(() -> Fts5Index.countPositionsColumnOne(cut, 0, cut.length))
                .isInstanceOf(Fts5Index.Unsupported.class);
    }
}
