package org.relevanceworkbench.cli;

import picocli.CommandLine.Option;

/** The collection a command reads, and the topic and variant that narrow it: one declaration for every command. */
final class CollectionScopeOptions {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--topic", paramLabel = "ID", description = "only this topic")
    String topic;

    @Option(names = "--variant", paramLabel = "NAME", description = "only this variant")
    String variant;
}
