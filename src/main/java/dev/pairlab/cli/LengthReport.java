package dev.pairlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.analysis.Intervals;
import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.pairs.Split;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How `lf stats --by-length` and `analyze features` print an accuracy by length, in text and JSON. */
final class LengthReport {

    static final String MATCHED_RULE = "|Δ chars| <= max(" + LengthSplit.MATCHED_CHARS + ", "
            + Math.round(100 * LengthSplit.MATCHED_SHARE) + " % of the longer answer)";

    private LengthReport() {
    }

    /** "train", "dev+test", ...; and whether the test split is among them, which the output then says. */
    static String splitNames(Set<Split> splits) {
        return splits.stream().sorted().map(Split::key).collect(Collectors.joining("+"));
    }

    /** One line saying what the numbers are measured on, with a warning when the test split is among them. */
    static String measuredOn(Set<Split> splits, boolean chosen) {
        String s = "on the " + splitNames(splits) + " split" + (splits.size() > 1 ? "s" : "") + (chosen ? "" : " (the labeled split; --split to choose)");
        return splits.contains(Split.TEST) ? s + "; MEASURED ON THE TEST SPLIT: do not choose LFs or thresholds by these numbers" : s;
    }

    /** "0.652 [0.553, 0.740] 46" (accuracy, 95 % Wilson interval, pairs voted on), a '*' when it contains 0.5, "-" when none. */
    static String cell(LengthSplit.Count c) {
        if (c.voted() == 0) {
            return "- (0)";
        }
        Intervals.Interval i = c.interval();
        return String.format(Locale.ROOT, "%.3f [%.2f, %.2f] %d%s", c.accuracy(), i.low(), i.high(), c.voted(),
                c.indistinguishableFromChance() ? "*" : "");
    }

    /** Accuracy and the number of votes only: "0.652 (46)". */
    static String shortCell(LengthSplit.Count c) {
        return c.voted() == 0 ? "- (0)" : String.format(Locale.ROOT, "%.3f (%d)%s", c.accuracy(), c.voted(),
                c.indistinguishableFromChance() ? "*" : "");
    }

    static ObjectNode count(LengthSplit.Count c) {
        ObjectNode o = Output.object().put("correct", c.correct()).put("voted", c.voted());
        Output.putNum(o, "accuracy", c.accuracy());
        Intervals.Interval i = c.interval();
        Output.putNum(o, "ci95_low", i.low());
        Output.putNum(o, "ci95_high", i.high());
        o.put("indistinguishable_from_chance", c.indistinguishableFromChance());
        return o;
    }

    /** Every group: pairs, coverage, the LF's accuracy with its interval, and "longer wins" on the same pairs. */
    static ArrayNode groups(LengthSplit.Breakdown b) {
        ArrayNode a = Output.object().arrayNode();
        for (LengthSplit.Group g : b.groups()) {
            ObjectNode x = a.addObject().put("group", g.key()).put("pairs", g.pairs());
            Output.putNum(x, "coverage", g.coverage());
            x.setAll(count(g.votes()));
            x.set("longer_wins", count(g.longerWins()));
        }
        return a;
    }

    /** The header and one line per LF of the text table; {@code name} is the first column. */
    static String header() {
        return String.format(Locale.ROOT, "%-20s %-26s %-26s %-26s %9s", "", "all pairs", "length-matched", "longer loses", "balanced");
    }

    static String line(String name, LengthSplit.Breakdown b) {
        return String.format(Locale.ROOT, "%-20s %-26s %-26s %-26s %9s", name, cell(b.all().votes()), cell(b.lengthMatched().votes()),
                cell(b.longerLoses().votes()), LfCommand.fmt(b.balancedAccuracy()));
    }

    /** The baseline line: "the longer answer wins" on the same groups (its length-balanced accuracy is 0.5 by definition). */
    static String baselineLine(LengthSplit.Breakdown b) {
        return String.format(Locale.ROOT, "%-20s %-26s %-26s %-26s %9s", "(longer wins)", cell(b.all().longerWins()),
                cell(b.lengthMatched().longerWins()), cell(b.longerLoses().longerWins()), "0.500");
    }

    static String binHeader(LengthSplit.Breakdown b) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-20s", "by length ratio"));
        for (LengthSplit.Group g : b.ratioBins()) {
            s.append(String.format(Locale.ROOT, " %-16s", g.label().replace("ratio ", "") + " (" + g.pairs() + ")"));
        }
        return s.toString();
    }

    static String binLine(String name, LengthSplit.Breakdown b, boolean baseline) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-20s", name));
        for (LengthSplit.Group g : b.ratioBins()) {
            s.append(String.format(Locale.ROOT, " %-16s", shortCell(baseline ? g.longerWins() : g.votes())));
        }
        return s.toString();
    }

    static final String FOOTNOTE = String.join(System.lineSeparator(),
            "Cells: accuracy [95 % Wilson interval] pairs voted on; * = the interval contains 0.5: not distinguishable from chance.",
            "Length-matched: " + MATCHED_RULE + "; pairs of equal length are matched and are neither 'longer preferred' nor",
            "'longer loses'. Ratio bins: longer/shorter in characters, (pairs with gold).");
}
