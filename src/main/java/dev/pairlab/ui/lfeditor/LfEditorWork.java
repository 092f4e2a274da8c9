package dev.pairlab.ui.lfeditor;

import dev.pairlab.analysis.LengthSplit;
import dev.pairlab.analysis.LfStats;
import dev.pairlab.analysis.LfVersionDiff;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.CodeCompiler;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.CodeTrust;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LabelMatrix;
import dev.pairlab.lf.LfApplier;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.lf.PatternRule;
import dev.pairlab.lf.PositionAudit;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the LF editor computes in the background, without JavaFX: the table's rows, a draft's preview, a
 * save (with what the new version changed, from {@link LfVersionDiff}) and the A/B audit. Each method is
 * one job's work: it reads the labels it is given and the project, and returns a value for the view.
 */
final class LfEditorWork {

    private LfEditorWork() {
    }

    /** The table's rows and the totals line's numbers (null without labels). */
    record TableData(List<LfEditorView.Row> rows, LfStats.Report report) {
    }

    /** Every LF with its statistics on {@code splits} (enabled LFs only) and on the labeled split. */
    static TableData table(ProjectLabeling.Labeled l, List<LfRecord> records, Set<Split> splits) {
        int[] statRows = l == null ? new int[0] : Subsets.rows(l.labels(), splits);
        LfStats.Report report = l == null ? null : LfStats.compute(l.matrix(), statRows, l.labels().gold());
        LfStats.Report onLabeled = l == null ? null : LfStats.compute(l.matrix(), Subsets.rows(l.labels(), EnumSet.of(Split.TRAIN)), l.labels().gold());
        List<LfEditorView.Row> rows = new ArrayList<>();
        for (LfRecord r : records) {
            int j = report == null || !r.enabled() ? -1 : l.matrix().names().indexOf(r.name());
            rows.add(j < 0 ? new LfEditorView.Row(r, null, null, null, null)
                    : new LfEditorView.Row(r, report.lfs().get(j), LengthSplit.ofLf(l, j, statRows), LengthSplit.breakdownOfLf(l, j, statRows),
                            onLabeled.lfs().get(j)));
        }
        return new TableData(rows, report);
    }

    /**
     * A draft's statistics on the stats split.
     *
     * @param changed  votes on the stats split that differ from the LF's column in use
     * @param existing the LF is in the label matrix (so {@code changed} means something)
     * @param problem  the first problem applying it reported, or null
     */
    record Preview(LfStats.LfSummary stats, int changed, boolean existing, String problem) {
    }

    /**
     * Applies a draft (compile errors first, thrown with their positions) and summarizes it on {@code splits}.
     * {@code storedCode} is the stored source of the code LF loaded: unedited, it runs only if trusted.
     */
    static Preview preview(ProjectLabeling.Labeled l, Project reader, String lfName, LfDefinition d, String storedCode, Set<Split> splits,
                           ProgressListener progress, Cancellation cancel) throws Exception {
        if (d instanceof CodeRule c) {
            CodeCompiler.compile(c.source());
        } else if (d instanceof PatternRule p) {
            p.compile();
        }
        byte[] col;
        String problem;
        if (d instanceof ExemplarRule x) {
            ExemplarRule embedded = dev.pairlab.encoder.Exemplars.embed(x, progress);
            col = LfApplier.exemplarColumn(reader, embedded, l.features().ids());
            problem = dev.pairlab.store.Embeddings.models(reader).contains(x.model()) ? null
                    : "no sentence embeddings in this project yet: Compute embeddings in the feature explorer (or run 'pairlab embed');"
                    + " until then it abstains everywhere";
        } else {
            LfApplier.Applied a = LfApplier.apply(l.features(), List.of(asDraft(lfName, d, storedCode)), null,
                    LfApplier.projectSource(reader, l.features().ids()), ProgressListener.NONE, cancel);
            col = a.matrix().column(0);
            problem = a.problems().isEmpty() ? null : a.problems().get(0).message();
        }
        int j = l.matrix().names().indexOf(lfName);
        LabelMatrix m = j >= 0 ? l.matrix().withColumn(j, col) : append(l.matrix(), lfName, col);
        int[] rows = Subsets.rows(l.labels(), splits);
        LfStats.LfSummary s = LfStats.compute(m, rows, l.labels().gold()).lfs().get(j >= 0 ? j : m.m() - 1);
        int changed = 0;
        for (int r : j >= 0 ? rows : new int[0]) {
            if (l.matrix().get(r, j) != col[r]) {
                changed++;
            }
        }
        return new Preview(s, changed, j >= 0, problem);
    }

    /** A saved version and what it changed against the one before on the stats split (null for a new LF or a new judge version). */
    record Saved(LfRecord record, LfVersionDiff diff) {
    }

    /**
     * Saves a checked draft as a new version (code written or edited here is trusted as saved; unchanged
     * stored code is not trusted by saving it again), then compares it with the version before through
     * {@link LfVersionDiff}, the diff {@code pairlab lf diff} prints. A new judge version has no answers yet:
     * no diff.
     */
    static Saved save(Project w, String lfName, LfDefinition d, String storedCode, Set<Split> splits, ProgressListener progress,
                      Cancellation cancel) throws Exception {
        LfEditorModel.checkForSave(d); // code that does not compile is never saved
        LfDefinition toSave = d instanceof ExemplarRule x ? dev.pairlab.encoder.Exemplars.embed(x, progress) : d;
        LfRecord saved = Lfs.save(w, lfName, toSave.kind(), toSave.toJson().toString());
        String content = CodeTrust.content(saved);
        if (content != null && !(d instanceof CodeRule c && c.source().equals(storedCode))) {
            CodeTrust.forUser().trust(content, saved.name());
        }
        LfVersionDiff diff = saved.version() > 1 && !(d instanceof JudgeRule)
                ? LfVersionDiff.of(w, lfName, null, saved.version(), splits, progress, cancel) : null;
        return new Saved(saved, diff);
    }

    /** The A/B audit of the enabled LFs (judges ask both orders by design) on the rows of {@code splits}. */
    static List<PositionAudit.Row> audit(ProjectLabeling.Labeled l, Project reader, List<LfRecord> records, Set<Split> splits,
                                         Cancellation cancel) throws Exception {
        List<NamedLf> lfs = new ArrayList<>();
        for (LfRecord r : records) {
            if (r.enabled() && !r.kind().equals(JudgeRule.KIND)) {
                lfs.add(NamedLf.of(r));
            }
        }
        int[] rows = Subsets.rows(l.labels(), splits);
        long[] ids = new long[rows.length];
        for (int k = 0; k < rows.length; k++) {
            ids[k] = l.matrix().ids()[rows[k]];
        }
        Map<Long, Pair> byId = dev.pairlab.store.Pairs.getMany(reader, ids);
        List<Pair> pairs = new ArrayList<>(ids.length);
        for (long id : ids) {
            pairs.add(byId.get(id));
        }
        return PositionAudit.audit(l.features().rows(rows), pairs, lfs, cancel);
    }

    /** The ids of the first {@code n} pairs of the stats split (to try a judge on). */
    static long[] firstIds(ProjectLabeling.Labeled l, Set<Split> splits, int n) {
        int[] rows = Subsets.rows(l.labels(), splits);
        long[] ids = new long[Math.min(n, rows.length)];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = l.matrix().ids()[rows[k]];
        }
        return ids;
    }

    /** The draft as an LF to apply: vouched for unless it is a stored code LF the user has not edited. */
    static NamedLf asDraft(String lfName, LfDefinition d, String storedCode) {
        if (d instanceof CodeRule c && c.source().equals(storedCode)) {
            return new NamedLf(lfName, 0, 0, d);
        }
        return NamedLf.unsaved(lfName, d);
    }

    private static LabelMatrix append(LabelMatrix m, String name, byte[] col) {
        List<String> names = new ArrayList<>(m.names());
        names.add(name);
        byte[][] cols = new byte[m.m() + 1][];
        for (int j = 0; j < m.m(); j++) {
            cols[j] = m.column(j);
        }
        cols[m.m()] = col;
        return new LabelMatrix(m.ids(), names, cols);
    }
}
