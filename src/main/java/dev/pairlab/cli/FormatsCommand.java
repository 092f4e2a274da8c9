package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.PairFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "formats", description = "List the import/export formats.", mixinStandardHelpOptions = true)
final class FormatsCommand implements Callable<Integer> {

    @Mixin
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (output.json) {
            ArrayNode list = Output.object().putArray("formats");
            for (PairFormat f : Formats.all()) {
                list.addObject().put("id", f.id()).put("description", f.description());
            }
            Output.print(spec.commandLine().getOut(), Output.object().set("formats", list));
        } else {
            for (PairFormat f : Formats.all()) {
                spec.commandLine().getOut().printf("%-13s %s%n", f.id(), f.description());
            }
        }
        return Cli.OK;
    }
}
