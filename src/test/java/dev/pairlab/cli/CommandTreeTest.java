package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the branch of the command it runs; what that branch says is what the whole tree says. */
class CommandTreeTest {

    private static final PrintWriter SINK = new PrintWriter(new StringWriter());

    /** A command's usage and its subcommands' usages, depth first. */
    private static String usages(CommandLine cl) {
        StringBuilder b = new StringBuilder(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            b.append("\n--- ").append(e.getKey()).append('\n').append(usages(e.getValue()));
        }
        return b.toString();
    }

    @Test
    void aRunOfOneCommandBuildsItsBranchOnlyWithTheSameOptionsAndHelp() {
        CommandLine whole = Cli.commandLine(SINK, SINK);
        assertEquals(Cli.COMMANDS.size(), whole.getSubcommands().size());
        for (String name : whole.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine one = Cli.commandLine(SINK, SINK, name);
            assertEquals(java.util.Set.of(name), one.getSubcommands().keySet(), name);
            // Inherited options (--trust-code, --require-all) and every subcommand's usage as in the whole tree.
            assertEquals(usages(whole.getSubcommands().get(name)), usages(one.getSubcommands().get(name)), name);
        }
        // Anything that is not a command's name gets the whole tree (root help, "help", suggestions for a misspelt name).
        for (String first : new String[] {null, "--help", "help", "lff"}) {
            assertEquals(whole.getSubcommands().keySet(), Cli.commandLine(SINK, SINK, first).getSubcommands().keySet(), first);
        }
    }
}
