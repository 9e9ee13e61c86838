package org.relevanceworkbench.store;

import java.util.List;

/**
 * A run: one scorer's scores over topics, variants and their candidate documents, with the provenance that makes two
 * runs comparable (backend, model fingerprint, prompt template hash, dtype, maximum length, special-token mode) and,
 * for scores from inference servers, which servers. Provenance fields are null for imported runs.
 *
 * @param backend {@code local}, {@code server/ROUTE} or {@code bm25}; null for imported runs
 * @param server  the servers that computed the scores; null unless the backend is a server
 */
public record Run(long id, String name, String scorer, String modelFingerprint, String templateHash,
        String dtype, Integer maxLength, String specialTokens, String source, String createdAt, String backend,
        Server server) {

    /** Where a server run's scores came from: route, engine, its version, base URLs and the model id reported. */
    public record Server(String route, String engine, String version, List<String> urls, String model) {
        public Server {
            urls = List.copyOf(urls);
        }
    }

    /** A run without server provenance; the backend follows from the scorer. */
    public Run(long id, String name, String scorer, String modelFingerprint, String templateHash, String dtype,
            Integer maxLength, String specialTokens, String source, String createdAt) {
        this(id, name, scorer, modelFingerprint, templateHash, dtype, maxLength, specialTokens, source, createdAt,
                switch (scorer) {
                    case "followir" -> "local";
                    case "bm25" -> "bm25";
                    default -> null;
                }, null);
    }

    /** The provenance of an imported run file. */
    public static Run imported(String name, String source) {
        return new Run(0, name, "imported", null, null, null, null, null, source, null);
    }

    /** This run with its id and creation time as stored. */
    Run stored(long newId, String created) {
        return new Run(newId, name, scorer, modelFingerprint, templateHash, dtype, maxLength, specialTokens, source,
                created, backend, server);
    }
}
