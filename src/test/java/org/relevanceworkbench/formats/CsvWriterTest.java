package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    private static String csv(List<?>... rows) throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter writer = new CsvWriter(out);
        for (List<?> row : rows) {
            writer.writeRow(row);
        }
        return out.toString();
    }

    @Test
    void textThatASpreadsheetWouldRunGetsAnApostropheAndNumbersStayNumbers() throws Exception {
        String text = csv(Arrays.asList("=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", -0.25, -3,
                1e-12, null, ""));
        assertThat(text).isEqualTo("'=cmd|' /C calc'!A0,'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",a=b,-0.25,-3,0.000000000001,,\r\n");
    }

    @Test
    void numbersIgnoreTheDefaultLocale() throws Exception {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY); // decimal comma
            assertThat(csv(Arrays.asList(-0.25, 1234567.5, 0.999991))).isEqualTo("-0.25,1234567.5,0.999991\r\n");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void quotesOnlyWhatNeedsQuotingAndEndsRecordsWithCrlf() throws Exception {
        assertThat(csv(List.of("plain", "a,b", "say \"hi\"", "two\nlines"), List.of("x")))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nx\r\n");
    }

    @Test
    void readsBackThroughTheProjectsOwnCsvSplitter() throws Exception {
        List<Object> row = Arrays.asList("=1+1", "a,b", "say \"hi\"", "two\nlines", "Ünïcødé 🎬", 0.5, null);
        Path file = Files.writeString(dir.resolve("t.csv"), csv(List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7"), row));
        assertThat(CsvRows.read(file)).containsExactly(List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7"),
                List.of("'=1+1", "a,b", "say \"hi\"", "two\nlines", "Ünïcødé 🎬", "0.5", ""));
    }
}
