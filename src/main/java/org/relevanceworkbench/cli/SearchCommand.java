package org.relevanceworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.relevanceworkbench.corpus.Bm25Search;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.corpus.SearchResult;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "search", description = {
    "BM25 top-k search over a collection.",
    "Any text works: quotes, colons, AND/OR/NEAR, * and - are searched as plain words;",
    "English stopwords are left out unless the query has nothing else."})
final class SearchCommand extends WorkspaceCommand {
    enum Output { table, trec, jsonl }

    /** Made only for --output jsonl: Jackson's first ObjectMapper costs 0.1–0.4 s of a command's start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = {"--query", "-q"}, required = true, paramLabel = "TEXT")
    String query;

    @Option(names = "--k", defaultValue = "100", paramLabel = "K", description = "how many (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, trec (a TREC run, topic id from --topic-id) or jsonl (default ${DEFAULT-VALUE})")
    Output output;

    @Option(names = "--topic-id", defaultValue = "query", paramLabel = "ID", description = "topic id of trec output")
    String topicId;

    @Option(names = "--no-snippets", description = "skip snippets (faster for large k)")
    boolean noSnippets;

    @Override
    protected int run(Database db) throws Exception {
        Bm25IndexFirst.finish(db, collection, err());
        SearchResult result = new Bm25Search(db).search(collection, query, k,
                !noSnippets && output != Output.trec);
        if (!result.dropped().isEmpty()) {
            err().println("note: left out " + String.join(", ", result.dropped()));
        }
        if (result.terms().isEmpty()) {
            err().println("note: the query has no searchable words");
        }
        switch (output) {
            case table -> printTable(result, out());
            case trec -> printTrec(result, out());
            case jsonl -> printJsonl(result, out());
        }
        return Cli.OK;
    }

    private static void printTable(SearchResult result, PrintWriter out) {
        for (SearchHit hit : result.hits()) {
            out.println(String.format(Locale.US, "%4d  %-24s %11.6f  %s", hit.rank(), hit.docId(), hit.score(),
                    hit.title() == null ? "" : hit.title()));
            if (hit.snippet() != null) {
                out.println("      " + hit.snippet("[", "]").replaceAll("\\s+", " ").strip());
            }
        }
        if (result.hits().isEmpty()) {
            out.println("no matches");
        }
    }

    private void printTrec(SearchResult result, PrintWriter out) {
        for (SearchHit hit : result.hits()) {
            out.println(String.format(Locale.US, "%s Q0 %s %d %.6f bm25", topicId, hit.docId(), hit.rank(),
                    hit.score()));
        }
    }

    private static void printJsonl(SearchResult result, PrintWriter out) throws Exception {
        for (SearchHit hit : result.hits()) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("rank", hit.rank());
            line.put("doc_id", hit.docId());
            line.put("score", hit.score());
            line.put("title", hit.title());
            if (hit.snippet() != null) {
                line.put("snippet", hit.snippet("", ""));
            }
            out.println(Json.MAPPER.writeValueAsString(line));
        }
    }
}
