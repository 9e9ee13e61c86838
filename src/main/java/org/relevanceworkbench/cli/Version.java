package org.relevanceworkbench.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "development" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Cli.class.getPackage().getImplementationVersion();
        return new String[] {"Relevance Workbench " + (version == null ? "development" : version)};
    }
}
