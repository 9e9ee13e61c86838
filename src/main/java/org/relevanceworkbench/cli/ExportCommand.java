package org.relevanceworkbench.cli;

import java.io.Writer;
import java.nio.file.Path;
import org.relevanceworkbench.formats.DocumentJsonlWriter;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Export workspace data.", subcommands = {ExportCommand.Documents.class,
    ExportQrelsCommand.class, ExportRunCommand.class, ExportTableCommand.class, ExportMtebCommand.class,
    ExportLlamaFactoryCommand.class})
final class ExportCommand {
    @Command(name = "documents", description = "Export a collection's documents (BEIR corpus.jsonl), in import order.")
    static final class Documents extends WorkspaceCommand {
        enum Output { jsonl }

        @Option(names = "--collection", required = true, paramLabel = "NAME")
        String collection;

        @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT", description = "jsonl")
        Output format;

        @Option(names = {"--output", "-o"}, paramLabel = "FILE",
                description = "file to write (written whole or not at all); default: standard output")
        Path output;

        @Override
        protected int run(Database db) throws Exception {
            Collection source = db.read(c -> new CollectionDao(c).require(collection));
            Path target = output == null ? Path.of("-") : output;
            long[] count = {0};
            ExportOutput.write(target, out(), writer -> count[0] = writeAll(db, source, writer));
            if (!ExportOutput.isStandardOutput(target)) {
                err().println("wrote " + count[0] + " documents to " + target);
            }
            return Cli.OK;
        }

        private static long writeAll(Database db, Collection source, Writer writer) {
            DocumentJsonlWriter jsonl = new DocumentJsonlWriter(writer);
            long[] count = {0};
            db.read(c -> {
                new DocumentDao(c).forEach(source.id(), d -> {
                    jsonl.write(d);
                    count[0]++;
                });
                return null;
            });
            return count[0];
        }
    }
}
