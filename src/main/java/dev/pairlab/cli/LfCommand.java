package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.analysis.LfStatsJob;
import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CodeTrust;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.LfProblem;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.pairs.Split;
import dev.pairlab.features.Features;
import dev.pairlab.store.LfName;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import dev.pairlab.analysis.MatrixExport;
import dev.pairlab.lf.LfEdit;
import dev.pairlab.lf.LfKind;
import dev.pairlab.lf.PresetAdding;
import dev.pairlab.lf.TrustChange;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;

@Command(name = "lf", mixinStandardHelpOptions = true, description = "Labeling functions: add, list, show, trust, remove, presets, stats, label matrix, agreement, history, diff, revert.",
        subcommands = {LfCommand.Add.class, LfCommand.ListLfs.class, LfCommand.Show.class, LfCommand.Trust.class, LfCommand.Remove.class,
            LfCommand.Enable.class, LfCommand.Disable.class, LfCommand.Preset.class, LfCommand.Stats.class, LfCommand.Matrix.class,
            LfInsight.Agreement.class, LfApplyCommand.class, LfInsight.History.class, LfInsight.Diff.class, LfInsight.Revert.class, PortableCommands.LfExport.class})
final class LfCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Set<Split> splits(List<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.allOf(Split.class);
        }
        Set<Split> out = EnumSet.noneOf(Split.class);
        for (String s : names) {
            out.add(Split.parse(s));
        }
        return out;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.3f", v);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Add a labeling function, or save a new version of the one with that name.",
        "Feature rule:  --kind feature --feature length --prefer higher --min 20 [--max D]",
        "Pattern rule:  --kind pattern --good REGEX... --bad REGEX... [--keywords] [--whole-word] [--case-sensitive] [--count occurrences]",
        "Code LF:       --kind code --file vote.java   (the body of 'Vote vote(LfPair p)'; see docs/code-lfs.md)",
        "LLM judge:     --kind llm --endpoint URL --model M [--prompt-file F] [--no-both-orders] [--key-env VAR]",
        "Exemplar LF:   --kind exemplar --good TEXT... [--bad TEXT...] [--good-file F] [--bad-file F] [--margin 0.02]",
        "               (votes for the answer closer to the good examples; needs 'pairlab embed' first)",
        "               (then 'pairlab lf apply PROJECT NAME' asks the model)"})
    static final class Add extends OneJobCommand<LfRecord> {
        @Parameters(index = "1", paramLabel = "NAME", description = LfEdit.DESC_NAME)
        String name;

        @Option(names = "--kind", required = true, converter = Kinds.class, description = LfKind.DESC)
        LfKind kind;

        @Option(names = "--feature", description = LfEdit.DESC_FEATURE)
        String feature;

        @Option(names = "--prefer", converter = Prefers.class, description = LfEdit.DESC_PREFER)
        FeatureRule.Prefer prefer;

        @Option(names = "--min", defaultValue = LfEdit.DEFAULT_MIN, description = LfEdit.DESC_MIN + " (default ${DEFAULT-VALUE}).")
        double min;

        @Option(names = "--max", description = LfEdit.DESC_MAX)
        Double max;

        @Option(names = "--good", arity = "1..*", description = LfEdit.DESC_GOOD)
        List<String> good = new ArrayList<>();

        @Option(names = "--bad", arity = "1..*", description = LfEdit.DESC_BAD)
        List<String> bad = new ArrayList<>();

        @Option(names = "--keywords", description = LfEdit.DESC_KEYWORDS)
        boolean keywords;

        @Option(names = "--case-sensitive", description = LfEdit.DESC_CASE_SENSITIVE)
        boolean caseSensitive;

        @Option(names = "--whole-word", description = LfEdit.DESC_WHOLE_WORD)
        boolean wholeWord;

        @Option(names = "--count", defaultValue = LfEdit.DEFAULT_COUNT, converter = Counts.class, description = LfEdit.DESC_COUNT)
        PatternRule.Count count;

        @Option(names = "--good-file", description = LfEdit.DESC_GOOD_FILE)
        java.nio.file.Path goodFile;

        @Option(names = "--bad-file", description = LfEdit.DESC_BAD_FILE)
        java.nio.file.Path badFile;

        @Option(names = "--margin", defaultValue = LfEdit.DEFAULT_MARGIN, description = LfEdit.DESC_MARGIN + " (default ${DEFAULT-VALUE}).")
        double margin;

        @Option(names = "--file", description = LfEdit.DESC_CODE_FILE)
        Path file;

        @Option(names = "--endpoint", description = LfEdit.DESC_ENDPOINT)
        String endpoint;

        @Option(names = "--model", description = LfEdit.DESC_MODEL)
        String model;

        @Option(names = "--prompt-file", description = LfEdit.DESC_PROMPT_FILE)
        Path promptFile;

        @Option(names = "--both-orders", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = LfEdit.DESC_BOTH_ORDERS)
        boolean bothOrders;

        @Option(names = "--key-env", description = LfEdit.DESC_KEY_ENV)
        String keyEnv;

        @Option(names = "--answer-regex", description = LfEdit.DESC_ANSWER_REGEX)
        String answerRegex;

        @Option(names = "--max-tokens", defaultValue = LfEdit.DEFAULT_MAX_TOKENS, description = LfEdit.DESC_MAX_TOKENS + " (default ${DEFAULT-VALUE}).")
        int maxTokens;

        static final class Kinds extends ChoiceConverters.Via<LfKind> { Kinds() { super(LfKind::parse); } }
        static final class Prefers extends ChoiceConverters.Via<FeatureRule.Prefer> { Prefers() { super(LfEdit::prefer); } }
        static final class Counts extends ChoiceConverters.Via<PatternRule.Count> { Counts() { super(LfEdit::count); } }

        private LfDefinition def;

        @Override
        Project.Access access() {
            return Project.Access.READ_WRITE;
        }

        @Override
        Workflow<LfRecord> job(Project p) {
            return new LfEdit.SaveJob(p, new LfEdit.Save(name, def));
        }

        /** The definition from the options, made before the project is opened for writing (an exemplar's embedding takes a while). */
        @Override
        void before() throws Exception {
            if (LfName.problem(name) != null) { // said before an exemplar's embedding or a compile, not after
                try (Project p = project.open(Project.Access.READ_ONLY)) {
                    LfEdit.requireUsableName(p, name);
                }
            }
            def = switch (kind) {
                case FEATURE -> {
                    if (feature == null || prefer == null) {
                        throw new IllegalArgumentException("a feature rule needs --feature and --prefer");
                    }
                    Features.byName(feature);
                    yield new FeatureRule(feature, prefer, min, max);
                }
                case PATTERN -> {
                    PatternRule p = new PatternRule(good, bad, !keywords, caseSensitive, wholeWord, count);
                    p.compile();
                    yield p;
                }
                case CODE -> {
                    if (file == null) {
                        throw new IllegalArgumentException("a code LF needs --file");
                    }
                    yield LfEdit.codeLf(file);
                }
                case LLM -> {
                    if (endpoint == null || model == null) {
                        throw new IllegalArgumentException("an LLM judge LF needs --endpoint and --model");
                    }
                    String prompt = JudgeRule.DEFAULT_PROMPT;
                    if (promptFile != null) {
                        try {
                            prompt = Files.readString(promptFile, StandardCharsets.UTF_8);
                        } catch (NoSuchFileException e) {
                            throw new BadInputException(promptFile + ": no such file");
                        }
                    }
                    JudgeRule judge = new JudgeRule(endpoint, model, prompt, keyEnv, answerRegex, bothOrders, maxTokens);
                    PlainHttp.warn(spec.commandLine().getErr(), judge.endpoint());
                    yield judge;
                }
                case EXEMPLAR -> {
                    List<String> goodTexts = new java.util.ArrayList<>(good == null ? List.of() : good);
                    List<String> badTexts = new java.util.ArrayList<>(bad == null ? List.of() : bad);
                    try {
                        if (goodFile != null) {
                            goodTexts.addAll(dev.pairlab.encoder.Exemplars.read(goodFile));
                        }
                        if (badFile != null) {
                            badTexts.addAll(dev.pairlab.encoder.Exemplars.read(badFile));
                        }
                    } catch (NoSuchFileException e) {
                        throw new BadInputException(e.getFile() + ": no such file");
                    }
                    ExemplarRule texts = ExemplarRule.texts(model == null ? LfEdit.DEFAULT_EXEMPLAR_MODEL : model, goodTexts, badTexts, margin);
                    try (ConsoleProgress progress = new ConsoleProgress(System.err, false)) {
                        yield dev.pairlab.encoder.Exemplars.embed(texts, progress);
                    }
                }
            };
        }

        @Override
        void print(LfRecord saved, PrintWriter out) {
            if (output.json) {
                Output.print(out, Output.object().put("name", saved.name()).put("kind", saved.kind()).put("version", saved.version()));
            } else {
                out.println("Saved LF '" + saved.name() + "' version " + saved.version() + ": " + def.describe());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the project's labeling functions.")
    static final class ListLfs extends OneJobCommand<List<LfRecord>> {

        @Override
        Workflow<List<LfRecord>> job(Project p) {
            return (progress, cancel) -> Lfs.list(p);
        }

        @Override
        void print(List<LfRecord> lfs, PrintWriter out) {
            if (output.json) {
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (LfRecord r : lfs) {
                    list.addObject().put("name", r.name()).put("kind", r.kind()).put("version", r.version())
                            .put("enabled", r.enabled()).put("describe", describe(r));
                }
                Output.print(out, Output.object().set("lfs", list));
            } else {
                for (LfRecord r : lfs) {
                    out.printf("%-20s %-8s v%-3d %-8s %s%n", r.name(), r.kind(), r.version(), r.enabled() ? "" : "disabled", describe(r));
                }
                if (lfs.isEmpty()) {
                    out.println("No labeling functions yet: 'pairlab lf preset PROJECT mt-bench' adds the paper's set.");
                }
            }
        }

        private static String describe(LfRecord r) {
            try {
                return LfDefinition.parse(r.kind(), r.definition()).describe();
            } catch (LfException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one labeling function's definition.")
    static final class Show extends OneJobCommand<LfRecord> {
        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        Workflow<LfRecord> job(Project p) {
            return (progress, cancel) -> {
                LfRecord r = Lfs.get(p, name);
                if (r == null) {
                    throw LfEdit.noSuchLf(p, name);
                }
                return r;
            };
        }

        @Override
        void print(LfRecord r, PrintWriter out) throws Exception {
            ObjectNode o = Output.object().put("name", r.name()).put("kind", r.kind()).put("version", r.version())
                    .put("enabled", r.enabled()).put("created_at", r.createdAt()).put("edited_at", r.editedAt());
            o.set("definition", Json.MAPPER.readTree(r.definition()));
            if (output.json) {
                Output.print(out, o);
            } else {
                out.printf("%s (%s, version %d%s), edited %s%n", r.name(), r.kind(), r.version(), r.enabled() ? "" : ", disabled", r.editedAt());
                if (r.kind().equals(CodeRule.KIND)) {
                    out.println(Json.MAPPER.readTree(r.definition()).path("source").asText());
                } else {
                    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(r.definition())));
                }
            }
        }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true, description = {
        "Trust a project's code LFs and LLM judges on this machine (read them first: 'pairlab lf show PROJECT NAME').",
        "Code LFs you did not write here abstain until trusted; LLM judges you did not set up here are not asked. Trust is",
        "kept under your home folder, by the SHA-256 of each LF's source (a judge's definition): an edited LF needs trust",
        "again. --trust-code on any command runs all code LFs for one run."})
    static final class Trust extends OneJobCommand<TrustChange.Result> {
        @Parameters(index = "1..*", paramLabel = "NAME", description = TrustChange.DESC_NAMES)
        List<String> names;

        @Option(names = "--all", description = TrustChange.DESC_ALL)
        boolean all;

        @Option(names = "--revoke", description = TrustChange.DESC_REVOKE)
        boolean revoke;

        @Override
        void before() throws Exception {
            new TrustChange.Params(names, all, revoke).requireValid(); // said before the project is opened, as before
        }

        @Override
        Workflow<TrustChange.Result> job(Project p) {
            return new TrustChange.Job(p, new TrustChange.Params(names, all, revoke), CodeTrust.forUser());
        }

        @Override
        void print(TrustChange.Result result, PrintWriter out) {
            if (output.json) {
                ArrayNode list = Json.MAPPER.createArrayNode();
                result.lfs().forEach(e -> list.addObject().put("name", e.name()).put("sha256", e.sha256()).put("trusted", e.trusted()));
                Output.print(out, Output.object().put("store", result.store().toString()).set("lfs", list));
            } else {
                for (TrustChange.Entry e : result.lfs()) {
                    out.println((revoke ? "No longer trusted: " : "Trusted: ") + e.name() + " (sha256 " + e.sha256().substring(0, 12) + "…)");
                }
                if (result.lfs().isEmpty()) {
                    out.println("The project has no code LFs or LLM judges.");
                }
            }
        }
    }

    /** An LF removed, enabled or disabled: the three commands differ only in the change. */
    abstract static class OneLf implements Callable<Integer> {
        @Mixin
        ProjectArg project;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        private final LfEdit.Change change;

        OneLf(LfEdit.Change change) {
            this.change = change;
        }

        @Override
        public Integer call() throws Exception {
            try (Project p = project.open(Project.Access.READ_WRITE)) {
                new LfEdit.ChangeJob(p, name, change).run(ProgressListener.NONE, Cancellation.none());
            }
            if (change == LfEdit.Change.REMOVE) {
                spec.commandLine().getOut().println("Removed LF '" + name + "'");
            }
            return Cli.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a labeling function (with its history).")
    static final class Remove extends OneLf {
        Remove() {
            super(LfEdit.Change.REMOVE);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Use a labeling function again.")
    static final class Enable extends OneLf {
        Enable() {
            super(LfEdit.Change.ENABLE);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Keep a labeling function but leave it out of stats and models.")
    static final class Disable extends OneLf {
        Disable() {
            super(LfEdit.Change.DISABLE);
        }
    }

    @Command(name = "preset", mixinStandardHelpOptions = true, description = {"Add the paper's LF set: hh, ub, ubp or mt-bench.",
        "By default the cleaned-up set (case-insensitive patterns with word boundaries; whole-word keywords);",
        "--exact adds the reference code's LFs as written there (case-sensitive regexes, space-split keywords, its flaws too)."})
    static final class Preset extends OneJobCommand<Map<String, LfDefinition>> {
        @Parameters(index = "1", paramLabel = "PRESET", converter = Names.class, description = PresetAdding.DESC_PRESET)
        PresetAdding.Preset preset;

        @Option(names = "--exact", description = PresetAdding.DESC_EXACT)
        boolean exact;

        static final class Names extends ChoiceConverters.Via<PresetAdding.Preset> { Names() { super(PresetAdding.Preset::parse); } }

        @Override
        Project.Access access() {
            return Project.Access.READ_WRITE;
        }

        @Override
        Workflow<Map<String, LfDefinition>> job(Project p) {
            return new PresetAdding.Job(p, new PresetAdding.Params(preset, exact));
        }

        @Override
        void print(Map<String, LfDefinition> lfs, PrintWriter out) {
            if (output.json) {
                ArrayNode names = Json.MAPPER.createArrayNode();
                lfs.keySet().forEach(names::add);
                Output.print(out, Output.object().put("preset", preset.key()).put("exact", exact).set("lfs", names));
            } else {
                out.println("Added the " + preset.key() + " preset" + (exact ? " (exact, as the reference code)" : "")
                        + ": " + String.join(", ", lfs.keySet()));
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per-LF polarity, coverage, overlaps, conflicts, correct, incorrect, empirical accuracy (Snorkel's lf_summary).")
    static final class Stats extends ProjectJobCommand {
        @Mixin
        SplitsOption split;

        @Option(names = "--wrong", paramLabel = "LF", description = LfStatsJob.Params.DESC_WRONG)
        String wrong;

        // The record's description without picocli's %% and with the flag's name.
        @Option(names = "--by-length", description = "Also each LF's accuracy (95 %% Wilson interval, pairs) on length-matched pairs,"
                + " where the longer answer loses, where it wins and by length ratio, beside 'longer wins' (on the train split unless --split).")
        boolean byLength;

        @Override
        public Integer call() throws Exception {
            LfStatsJob.Params params = new LfStatsJob.Params(split.orAll() == null ? null : splits(split.orAll()), wrong, byLength);
            LfStatsJob.Result result;
            try (Project p = Projects.openForCaching(project.file); ConsoleProgress progress = quiet.progress()) {
                result = new LfStatsJob(p, params).run(progress, dev.pairlab.task.Cancellation.none());
                Projects.noteUncached(p, output.json, spec.commandLine().getErr());
            }
            ProjectLabeling.Labeled labeled = result.labeled();
            Set<Split> lengthSplits = params.lengthSplits();
            int[] lengthRows = result.lengthRows();
            LfStats.Report report = result.report();
            LfStats.Report onLabeled = result.onLabeled();
            long[] wrongIds = result.wrongIds();
            PrintWriter out = spec.commandLine().getOut();
            for (LfProblem problem : labeled.problems()) {
                spec.commandLine().getErr().println("pairlab: LF " + problem);
            }
            if (output.json) {
                ObjectNode o = Output.object();
                ArrayNode list = o.putArray("lfs");
                for (LfStats.LfSummary s : report.lfs()) {
                    ObjectNode x = list.addObject().put("name", s.name()).put("polarity", s.polarity()).put("coverage", s.coverage())
                            .put("overlaps", s.overlaps()).put("conflicts", s.conflicts()).put("correct", s.correct())
                            .put("incorrect", s.incorrect());
                    if (Double.isNaN(s.accuracy())) {
                        x.putNull("accuracy");
                    } else {
                        x.put("accuracy", s.accuracy());
                    }
                    x.putArray("accuracy_interval").add(s.accuracyInterval().low()).add(s.accuracyInterval().high());
                    LfStats.LfSummary lab = onLabeled.lfs().get(list.size() - 1);
                    x.put("labeled_correct", lab.correct()).put("labeled_incorrect", lab.incorrect());
                    x.putArray("labeled_accuracy_interval").add(lab.accuracyInterval().low()).add(lab.accuracyInterval().high());
                    x.put("below_chance", lab.belowChance());
                }
                LfStats.Totals t = report.totals();
                o.putObject("totals").put("pairs", t.rows()).put("labeled", t.labeled()).put("coverage", t.coverage())
                        .put("overlap", t.overlap()).put("conflict", t.conflict()).put("abstain_all", t.abstainAll());
                ArrayNode problems = o.putArray("problems");
                labeled.problems().forEach(pr -> problems.addObject().put("lf", pr.lf()).put("kind", pr.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .put("pair", pr.pairId()).put("message", pr.message()));
                if (byLength) {
                    ArrayNode splitNames = o.putArray("by_length_splits");
                    lengthSplits.stream().sorted().forEach(x -> splitNames.add(x.key()));
                    o.put("length_matched_rule", LengthReport.MATCHED_RULE);
                    ArrayNode bl = o.putArray("by_length");
                    for (int j = 0; j < labeled.matrix().m(); j++) {
                        ObjectNode x = RmCommand.lengthJson(LengthSplit.ofLf(labeled, j, lengthRows)).put("name", labeled.matrix().names().get(j));
                        LengthSplit.Breakdown b = LengthSplit.breakdownOfLf(labeled, j, lengthRows);
                        x.set("groups", LengthReport.groups(b));
                        bl.add(x);
                    }
                }
                if (wrongIds != null) {
                    ArrayNode w = o.putArray("wrong");
                    for (long id : wrongIds) {
                        w.add(id);
                    }
                }
                Output.print(out, o);
            } else {
                out.printf("%-20s %-8s %8s %8s %9s %8s %9s %8s %15s%n", "", "Polarity", "Coverage", "Overlaps", "Conflicts", "Correct",
                        "Incorrect", "Emp.Acc.", "95% interval");
                List<String> below = new java.util.ArrayList<>();
                for (int j = 0; j < report.lfs().size(); j++) {
                    LfStats.LfSummary s = report.lfs().get(j);
                    LfStats.LfSummary lab = onLabeled.lfs().get(j);
                    String ci = Double.isNaN(s.accuracy()) ? "" : "[" + fmt(s.accuracyInterval().low()) + ", " + fmt(s.accuracyInterval().high()) + "]";
                    out.printf("%-20s %-8s %8.3f %8.3f %9.3f %8d %9d %8s %15s%s%n", s.name(), s.polarity(), s.coverage(), s.overlaps(),
                            s.conflicts(), s.correct(), s.incorrect(), fmt(s.accuracy()), ci, lab.belowChance() ? "  BELOW CHANCE" : "");
                    if (lab.belowChance()) {
                        below.add(s.name() + " (" + lab.correct() + " of " + (lab.correct() + lab.incorrect()) + " right, 95% interval ["
                                + fmt(lab.accuracyInterval().low()) + ", " + fmt(lab.accuracyInterval().high()) + "])");
                    }
                }
                if (!below.isEmpty()) {
                    out.println("Worse than a coin on the labeled split: " + String.join("; ", below)
                            + ". Label models keep them unless asked ('model fit --below-chance drop|invert').");
                }
                LfStats.Totals t = report.totals();
                out.printf("%d pairs (%d with visible gold): covered by any LF %.3f, overlap %.3f, conflict %.3f, abstain-all %d%n",
                        t.rows(), t.labeled(), t.coverage(), t.overlap(), t.conflict(), t.abstainAll());
                if (byLength) {
                    out.println();
                    out.println("By length " + LengthReport.measuredOn(lengthSplits, params.splitsChosen()) + ":");
                    out.println(LengthReport.header());
                    LengthSplit.Breakdown first = null;
                    for (int j = 0; j < labeled.matrix().m(); j++) {
                        LengthSplit.Breakdown b = LengthSplit.breakdownOfLf(labeled, j, lengthRows);
                        first = first == null ? b : first;
                        out.println(LengthReport.line(labeled.matrix().names().get(j), b));
                    }
                    if (first != null) {
                        out.println(LengthReport.baselineLine(first));
                        out.println(LengthReport.binHeader(first));
                        for (int j = 0; j < labeled.matrix().m(); j++) {
                            out.println(LengthReport.binLine(labeled.matrix().names().get(j), LengthSplit.breakdownOfLf(labeled, j, lengthRows), false));
                        }
                        out.println(LengthReport.binLine("(longer wins)", first, true));
                        out.printf("%d pairs with gold: %d length-matched, %d with the longer answer preferred, %d with it losing.%n",
                                first.all().pairs(), first.lengthMatched().pairs(), first.longerPreferred().pairs(), first.longerLoses().pairs());
                    }
                    out.println(LengthReport.FOOTNOTE);
                }
                if (wrongIds != null) {
                    out.println(wrong + " is wrong on " + wrongIds.length + " pairs: " + java.util.Arrays.toString(wrongIds));
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "matrix", mixinStandardHelpOptions = true, description = {MatrixExport.DESC})
    static final class Matrix extends ComputingJobCommand<MatrixExport.Result> {
        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Mixin
        ForceOption force;

        @Mixin
        SplitsOption split;

        private OutputFile target;

        @Override
        void before() throws Exception {
            target = Projects.output(out, force.force, project.file);
            target.check();
        }

        @Override
        Workflow<MatrixExport.Result> job(Project p) throws Exception {
            return new MatrixExport.Job(p, new MatrixExport.Params(splits(split.orAll())), target);
        }

        @Override
        void print(MatrixExport.Result written, PrintWriter stdout) {
            if (output.json) {
                Output.print(stdout, Output.object().put("file", out.toString()).put("rows", written.rows()).put("lfs", written.lfs()));
            } else {
                stdout.printf("Wrote %d rows x %d LFs to %s%n", written.rows(), written.lfs(), out);
            }
        }
    }
}
