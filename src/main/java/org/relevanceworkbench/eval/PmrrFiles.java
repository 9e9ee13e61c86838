package org.relevanceworkbench.eval;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.formats.FormatDetector;
import org.relevanceworkbench.formats.Location;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.QrelRecord;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.RecordSink;
import org.relevanceworkbench.formats.RunRecord;
import org.relevanceworkbench.formats.SourceFile;

/**
 * Reads p-MRR's inputs from files: TREC runs and TREC or BEIR qrels. Unlike an import, which skips
 * bad lines, a metric must not quietly drop data, so the first malformed line stops the reading as
 * a user error naming its {@code file:line}; so does a document listed twice for a topic.
 *
 * <p>Lines whose query id names a variant ({@code 301-og}, {@code 301-changed}, MTEB's layout) count
 * only for that variant; lines with a plain id count for any. So one file holding both variants
 * may be given as both the og and the changed file.
 */
public final class PmrrFiles {
    private PmrrFiles() {
    }

    /** A TREC run's scores (topic → doc → score) for {@code variant}. */
    public static Map<String, Map<String, Double>> run(Path file, String variant) {
        VariantValues<RunRecord, Double> values = new VariantValues<>(variant, "run");
        read(Format.TREC_RUN, file, values, r -> values.add(r.at(), r.topicId(), r.variant(), r.docId(),
                r.score()));
        return values.result(file);
    }

    /** Qrels (topic → doc → grade) for {@code variant}; the format (TREC or BEIR) is told from the content. */
    public static Map<String, Map<String, Integer>> qrels(Path file, String variant) {
        Format format;
        try {
            format = FormatDetector.detect(RecordKind.QRELS, SourceFile.of(file)).format();
        } catch (IOException e) {
            throw new UserException(file + ": " + describe(e), e);
        } catch (UserException e) {
            throw new UserException(file + ": not TREC qrels (topic iteration docno grade) nor BEIR qrels "
                    + "(query-id corpus-id score)", e);
        }
        VariantValues<QrelRecord, Integer> values = new VariantValues<>(variant, "qrels");
        read(format, file, values, r -> values.add(r.at(), r.topicId(), r.variant(), r.docId(), r.grade()));
        return values.result(file);
    }

    @FunctionalInterface
    private interface Handler<R> {
        void handle(R record);
    }

    private static <R> void read(Format format, Path file, VariantValues<R, ?> values, Handler<R> handler) {
        if (Files.isDirectory(file)) {
            throw new UserException(file + " is a folder; give the file itself");
        }
        RecordSink<R> sink = new RecordSink<>() {
            @Override
            public void accept(R record) {
                handler.handle(record);
            }

            @Override
            public void problem(Problem problem) {
                throw new UserException(problem.toString());
            }
        };
        try {
            format.<R>newReader().read(SourceFile.of(file), sink);
        } catch (UserException e) {
            throw e;
        } catch (Exception e) {
            throw new UserException(file + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof EOFException) {
            return "the file ends unexpectedly (truncated gzip?)";
        }
        return "cannot read it (" + e.getMessage() + ")";
    }

    /** Topic → doc → value of one variant, refusing a document given twice. */
    private static final class VariantValues<R, V> {
        private final String variant;
        private final String what;
        private final Map<String, Map<String, V>> values = new LinkedHashMap<>();
        private final Map<String, Long> firstLine = new HashMap<>();
        private int skippedOtherVariant;

        VariantValues(String variant, String what) {
            this.variant = variant;
            this.what = what;
        }

        void add(Location at, String topicId, String lineVariant, String docId, V value) {
            if (lineVariant != null && !lineVariant.equals(variant)) {
                skippedOtherVariant++;
                return;
            }
            Long earlier = firstLine.putIfAbsent(topicId + '\u0000' + docId, at.line());
            if (earlier != null) {
                throw new UserException(at + ": document '" + docId + "' is listed again for topic '" + topicId
                        + "' (first at line " + earlier + ")");
            }
            values.computeIfAbsent(topicId, k -> new LinkedHashMap<>()).put(docId, value);
        }

        Map<String, Map<String, V>> result(Path file) {
            if (values.isEmpty()) {
                throw new UserException(file + ": no " + what + " lines for the " + variant + " variant"
                        + (skippedOtherVariant > 0 ? " (its " + skippedOtherVariant
                                + " lines name another variant in their query ids)" : ""));
            }
            return values;
        }
    }
}
