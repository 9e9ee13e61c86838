package org.relevanceworkbench.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "development" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"Relevance Workbench " + org.relevanceworkbench.common.AppVersion.current()};
    }
}
