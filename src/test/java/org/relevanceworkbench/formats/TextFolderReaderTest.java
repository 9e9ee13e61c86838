package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFolderReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsNestedFoldersInOrderOfRelativePath() throws Exception {
        Path root = dir.resolve("corpus");
        CollectingSink.write(root.resolve("news/z.txt"), "zed");
        CollectingSink.write(root.resolve("b.txt"), "bee");
        CollectingSink.write(root.resolve("news/2021/a.txt"), "news a");
        CollectingSink.write(root.resolve("a.txt"), "ay");
        CollectingSink.write(root.resolve("c/d.txt"), "dee");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, root);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records)
                .extracting(DocumentRecord::docId, DocumentRecord::text, DocumentRecord::title,
                        DocumentRecord::fieldsJson)
                .containsExactly(
                        tuple("a", "ay", null, null),
                        tuple("b", "bee", null, null),
                        tuple("c/d", "dee", null, null),
                        tuple("news/2021/a", "news a", null, null),
                        tuple("news/z", "zed", null, null));
        assertThat(sink.records.get(3).at()).isEqualTo(new Location(root + "/news/2021/a.txt", 0));
    }

    @Test
    void skipsHiddenEntriesAndFilesThatAreNotText() throws Exception {
        CollectingSink.write(dir.resolve(".hidden.txt"), "no");
        CollectingSink.write(dir.resolve(".git/objects/x.txt"), "no");
        CollectingSink.write(dir.resolve("sub/.secret.txt"), "no");
        CollectingSink.write(dir.resolve("notes.md"), "no");
        CollectingSink.write(dir.resolve("README"), "no");
        CollectingSink.write(dir.resolve("sub/txt"), "no");
        CollectingSink.write(dir.resolve("UPPER.TXT"), "yes");
        CollectingSink.write(dir.resolve("sub/kept.txt"), "yes");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, dir);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("UPPER", "sub/kept");
    }

    @Test
    void whitespaceInPathsBecomesUnderscoresAndThePathIsKept() throws Exception {
        CollectingSink.write(dir.resolve("news/2021/my  file.txt"), "spaced");
        CollectingSink.write(dir.resolve("my docs/a\tb.txt"), "tabbed");
        CollectingSink.write(dir.resolve("plain.txt"), "plain");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, dir);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::fieldsJson).containsExactly(
                tuple("my_docs/a_b", "{\"path\":\"my docs/a\\tb.txt\"}"),
                tuple("news/2021/my_file", "{\"path\":\"news/2021/my  file.txt\"}"),
                tuple("plain", null));
    }

    @Test
    void invalidUtf8IsReportedAtItsLineAndOtherFilesAreKept() throws Exception {
        CollectingSink.write(dir.resolve("a.txt"), "fine");
        byte[] bad = "line one\r\nline two\nab?c\n".getBytes(StandardCharsets.UTF_8);
        bad[21] = (byte) 0xFF; // the '?', third byte of line 3
        CollectingSink.writeBytes(dir.resolve("bad.txt"), bad);
        CollectingSink.writeBytes(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x',
                (byte) 0xC0, (byte) 0x80});
        CollectingSink.write(dir.resolve("z.txt"), "also fine");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, dir);

        assertThat(sink.problemLines()).containsExactly(
                dir + "/bad.txt:3: invalid UTF-8 at byte 3 of line 3",
                dir + "/bom.txt:1: invalid UTF-8 at byte 2 of line 1");
        assertThat(sink.problems).extracting(Problem::kind).containsOnly(ProblemKind.INVALID_UTF8);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("a", "z");
    }

    @Test
    void removesByteOrderMarkAndNormalisesLineBreaks() throws Exception {
        CollectingSink.write(dir.resolve("doc.txt"), "\uFEFF  First line\r\nsecond\r\n\r\nthird\r\n\r\n");
        CollectingSink.write(dir.resolve("empty.txt"), "");

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, dir);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId, DocumentRecord::text)
                .containsExactly(tuple("doc", "First line\nsecond\n\nthird"), tuple("empty", ""));
    }

    @Test
    void emptyFolderHasNoDocuments() throws Exception {
        Files.createDirectories(dir.resolve("only/empty/folders"));

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, dir);

        assertThat(sink.records).isEmpty();
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void aFileOrAMissingPathIsNotAFolder() throws Exception {
        Path file = CollectingSink.write(dir.resolve("corpus.txt"), "text");

        assertThatThrownBy(() -> CollectingSink.read(Format.TEXT_FOLDER, file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + " is not a folder");
        assertThatThrownBy(() -> CollectingSink.read(Format.TEXT_FOLDER, dir.resolve("missing")))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("missing") + " does not exist");
    }

    @Test
    void refusesFilesOverTheCapWithoutDroppingOthersAndCountsProgress() throws Exception {
        CollectingSink.write(dir.resolve("big.txt"), "x".repeat(11));
        CollectingSink.write(dir.resolve("small.txt"), "0123456789");
        SourceFile source = SourceFile.of(dir);
        CollectingSink<DocumentRecord> sink = new CollectingSink<>();

        new TextFolderReader(10).read(source, sink);

        assertThat(sink.problemLines()).containsExactly(dir + "/big.txt: file larger than 10 bytes");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.TOO_LONG);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("small");
        assertThat(source.bytesRead()).isEqualTo(21);
    }

    @Test
    void unreadableFileIsAProblemAtTheFile() throws Exception {
        CollectingSink.write(dir.resolve("a.txt"), "fine");
        makeLink(dir.resolve("gone.txt"), dir.resolve("nowhere.txt"));

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, dir);

        assertThat(sink.problemLines()).containsExactly(dir + "/gone.txt: cannot read: no such file");
        assertThat(sink.problems).extracting(Problem::kind).containsExactly(ProblemKind.BAD_VALUE);
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("a");
    }

    @Test
    void followsLinksButNotLoops() throws Exception {
        Path root = dir.resolve("corpus");
        CollectingSink.write(root.resolve("sub/a.txt"), "a");
        CollectingSink.write(dir.resolve("elsewhere/b.txt"), "b");
        makeLink(root.resolve("sub/loop"), root);
        makeLink(root.resolve("linked"), dir.resolve("elsewhere"));

        CollectingSink<DocumentRecord> sink = CollectingSink.read(Format.TEXT_FOLDER, root);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.records).extracting(DocumentRecord::docId).containsExactly("linked/b", "sub/a");
    }

    private static void makeLink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }
}
