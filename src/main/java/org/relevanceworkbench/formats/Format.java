package org.relevanceworkbench.formats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.relevanceworkbench.common.UserException;

/** Every file format the workbench reads, by the kind of records it holds. */
public enum Format {
    BEIR_JSONL(RecordKind.DOCUMENTS, "beir-jsonl", "BEIR/MTEB corpus.jsonl (_id, title, text)", BeirCorpusReader::new),
    TSV(RecordKind.DOCUMENTS, "tsv", "tab-separated id, text[, title], header optional",
            () -> new DelimitedDocumentReader('\t')),
    CSV(RecordKind.DOCUMENTS, "csv", "comma-separated id, text[, title] (RFC 4180), header optional",
            () -> new DelimitedDocumentReader(',')),
    TREC_SGML(RecordKind.DOCUMENTS, "trec-sgml", "TREC <DOC><DOCNO>…</DOCNO><TEXT>…</TEXT></DOC>",
            TrecSgmlDocumentReader::new),
    TEXT_FOLDER(RecordKind.DOCUMENTS, "txt-folder", "a folder of .txt files, one document each",
            TextFolderReader::new),

    TREC_TOPICS(RecordKind.TOPICS, "trec", "TREC <top><num><title><desc><narr> topics", TrecTopicsReader::new),
    TREC_XML_TOPICS(RecordKind.TOPICS, "trec-xml", "TREC XML <topic number=…> topics", TrecXmlTopicsReader::new),
    QUERIES_JSONL(RecordKind.TOPICS, "jsonl",
            "FollowIR/BEIR/MTEB queries.jsonl or MTEB instruction.jsonl", QueriesJsonlReader::new),

    TREC_QRELS(RecordKind.QRELS, "trec", "TREC qrels: topic iteration docno grade", TrecQrelsReader::new),
    BEIR_QRELS(RecordKind.QRELS, "beir-tsv", "BEIR qrels tsv: query-id corpus-id score", BeirQrelsReader::new),

    TREC_RUN(RecordKind.RUNS, "trec", "TREC run: topic Q0 docno rank score tag", TrecRunReader::new),
    TOP_RANKED(RecordKind.RUNS, "top-ranked", "FollowIR top_ranked.jsonl (qid, pid)", TopRankedReader::new);

    private final RecordKind kind;
    private final String cliName;
    private final String description;
    private final Supplier<FormatReader<?>> reader;

    Format(RecordKind kind, String cliName, String description, Supplier<FormatReader<?>> reader) {
        this.kind = kind;
        this.cliName = cliName;
        this.description = description;
        this.reader = reader;
    }

    public RecordKind kind() {
        return kind;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** A fresh reader; its record type is that of {@link #kind()}. */
    @SuppressWarnings("unchecked")
    public <R> FormatReader<R> newReader() {
        return (FormatReader<R>) reader.get();
    }

    public static List<Format> of(RecordKind kind) {
        return Arrays.stream(values()).filter(f -> f.kind == kind).toList();
    }

    /** The format named {@code name} among those of {@code kind}, or a user error listing them. */
    public static Format named(RecordKind kind, String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return of(kind).stream().filter(f -> f.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new UserException("unknown " + kind.label() + " format '" + name + "' (known: "
                        + String.join(", ", of(kind).stream().map(Format::cliName).toList()) + ")"));
    }
}
