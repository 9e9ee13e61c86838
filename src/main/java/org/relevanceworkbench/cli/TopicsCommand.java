package org.relevanceworkbench.cli;

import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import picocli.CommandLine.Command;

@Command(name = "topics", description = "Topics with their instruction variants.",
        subcommands = TopicsCommand.Import.class)
final class TopicsCommand {
    @Command(name = "import", description = {
        "Import topics. Formats: trec (<top> with <narr>), trec-xml (<topic number=…>), jsonl (FollowIR",
        "queries.jsonl with instruction_og/instruction_changed, BEIR/ir_datasets queries, MTEB queries and",
        "instruction files). A narrative becomes the 'og' instruction; FollowIR files give 'og' and 'changed'."})
    static final class Import extends FileImportCommand {
        @Override
        protected String what() {
            return "topics";
        }

        @Override
        protected RecordKind kind() {
            return RecordKind.TOPICS;
        }

        @Override
        protected ImportResult importFiles(ImportService service, String collection, List<SourceFile> sources,
                ImportOptions options, ImportListener listener, CancellationToken cancel) {
            return service.importTopics(collection, sources, options, listener, cancel);
        }
    }
}
