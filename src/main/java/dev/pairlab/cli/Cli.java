package dev.pairlab.cli;

import dev.pairlab.lf.CodeTrust;
import dev.pairlab.store.ProjectBusyException;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.Problem;
import dev.pairlab.task.UserException;
import dev.pairlab.task.CancelledException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pairlab} command line. Exit codes, for every command: 0 success, 1 bad input or usage
 * (one line on stderr says what), 2 internal error.
 */
@Command(name = "pairlab", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Weak supervision of RLHF preference data. Without a command, './pairlab' opens the desktop app.")
public final class Cli implements Runnable {

    /**
     * The commands, in the order help lists them. Added by {@link #commandLine(PrintWriter, PrintWriter, String)}
     * rather than named in the annotation: picocli reads every command's annotations when it is added (a quarter of
     * a second for the whole tree on a cold JVM), and a run of one command needs only that command's branch.
     */
    static final List<Class<?>> COMMANDS = List.of(NewCommand.class, ImportCommand.class, InfoCommand.class, SplitCommand.class,
            ExportCommand.class, FormatsCommand.class, LfCommand.class, AnalyzeCommand.class, ModelCommand.class, RmCommand.class,
            ExperimentCommand.class, ActiveCurveCommand.class, GenerateCommand.class, NextCommand.class, AuditCommand.class,
            EmbedCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);

    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int INTERNAL = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--trust-code", scope = CommandLine.ScopeType.INHERIT,
            description = "Run every code LF of the project this once, trusted or not (see 'pairlab lf trust').")
    void trustCode(boolean on) {
        CodeTrust.trustAllThisRun(on);
    }

    @CommandLine.Option(names = "--require-all", scope = CommandLine.ScopeType.INHERIT,
            description = "Fail (exit 1) if any code LF was skipped because it is not trusted.")
    void requireAll(boolean on) {
        requireAll = on;
    }

    private static volatile boolean requireAll;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CodeTrust.newRun();
        requireAll = false;
        CommandLine cl = commandLine(out, err, args.length > 0 ? args[0] : null);
        int code = cl.execute(args);
        Set<String> skipped = CodeTrust.skippedThisRun();
        if (!skipped.isEmpty()) {
            String project = java.util.Arrays.stream(args).filter(a -> a.endsWith(".pairlab")).findFirst().orElse("PROJECT");
            err.println("pairlab: skipped " + skipped.size() + " code LF(s) not trusted on this machine (they abstained): "
                    + String.join(", ", skipped) + ". Read one with 'pairlab lf show " + project + " NAME', trust it with 'pairlab lf trust "
                    + project + " NAME' (or --all), or add --trust-code to run them this once.");
            err.flush();
            if (requireAll && code == OK) {
                err.println("pairlab: --require-all: not every code LF ran");
                err.flush();
                return BAD_INPUT;
            }
        }
        return code;
    }

    public static int run(String... args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command line with every command, or, when {@code first} names one (the first argument of a run), with that
     * one only: the run parses and executes just it, and its help and errors are the same. Anything else (an option,
     * "help", a misspelt name that gets suggestions) gets every command.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        CommandLine cl = new CommandLine(new Cli());
        Class<?> only = null;
        for (Class<?> c : COMMANDS) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
                only = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        // Set after the commands are added: picocli passes these on to the subcommands present when they are set.
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("pairlab: " + ex.getMessage());
            ex.getCommandLine().getErr().println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof InvalidParametersException invalid) {
                for (Problem problem : invalid.problems()) {
                    e.println("pairlab: " + optionFor(commandLine, problem.field()) + problem.message());
                }
                return BAD_INPUT;
            }
            if (ex instanceof UserException || ex instanceof IllegalArgumentException || ex instanceof ProjectBusyException) {
                e.println("pairlab: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof CancelledException) {
                e.println("pairlab: cancelled; the project is as it was");
                return BAD_INPUT;
            }
            e.println("pairlab: internal error: " + ex);
            if (System.getenv("PAIRLAB_DEBUG") != null) {
                ex.printStackTrace(e);
            } else {
                e.println("(set PAIRLAB_DEBUG=1 for the stack trace)");
            }
            return INTERNAL;
        });
        return cl;
    }

    /**
     * The CLI's name for a parameter record's field: {@code "--by-context: "} for {@code byContext} when the command
     * has that option, else nothing (the message alone is in the user's words).
     */
    static String optionFor(CommandLine commandLine, String field) {
        if (field == null || field.isEmpty()) {
            return "";
        }
        String kebab = "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return commandLine.getCommandSpec().findOption(kebab) != null ? kebab + ": " : "";
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"pairlab " + (v == null ? "development" : v)};
        }
    }
}
