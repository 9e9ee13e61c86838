package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which commands a command line gets built: the one it names, all when it names none (usage, typos), none for the window. */
class SubcommandsTest {
    private static Subcommands.Need need(String... args) {
        return Subcommands.need(args);
    }

    @Test
    void theNamedCommandAloneWhateverTheRootOptionsBeforeIt() {
        assertThat(need("search", "--collection", "c", "-q", "x")).isEqualTo(new Subcommands.Need(SearchCommand.class, false));
        assertThat(need("--db", "search", "list", "collections").command()).as("--db takes a value, even a command's name")
                .isEqualTo(ListCommand.class);
        assertThat(need("--db=ws.db", "--verbose", "import", "--collection", "c").command()).isEqualTo(ImportCommand.class);
    }

    @Test
    void everyCommandForUsageHelpAndWordsThatAreNoCommand() {
        assertThat(need("--help").all()).isTrue();
        assertThat(need("help", "search").all()).isTrue();
        assertThat(need("serch").all()).as("picocli suggests from every name").isTrue();
        assertThat(need("--", "search").all()).isTrue();
    }

    @Test
    void noCommandForTheWindowOrTheVersion() {
        assertThat(need()).isEqualTo(new Subcommands.Need(null, false));
        assertThat(need("--db", "ws.db", "--demo")).isEqualTo(new Subcommands.Need(null, false));
        assertThat(need("--version")).isEqualTo(new Subcommands.Need(null, false));
    }

    @Test
    void theUsageStillListsEveryCommand() {
        CliRunner.Result usage = new CliRunner().run("--help");
        for (Class<?> command : Cli.COMMANDS) {
            String name = command.getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(usage.out()).as(name).contains("  " + name + " ");
        }
    }
}
