package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Meta;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fitted label model a screen uses and whether it still describes the project: the LFs it was fitted on
 * (names and versions) against the enabled LFs now, and the gold labels it could read against the gold now
 * (a fingerprint kept beside the run when it was fitted). An LF added, edited, deleted or disabled, or a gold
 * label added or changed after the fit makes it stale: its numbers no longer describe what an export would use.
 *
 * @param fittedOn the LFs the run was fitted on, with their versions
 * @param changes  what changed since, in the user's words; empty when the fit is current
 * @param goldTracked false for a run fitted before the gold it read was recorded: a gold change since cannot be told
 */
public record FitStatus(ModelRecord run, List<LfVersion> fittedOn, List<String> changes, boolean goldTracked) {

    /** One LF as a run was fitted on it. */
    public record LfVersion(String name, int version) {
        @Override
        public String toString() {
            return name + " v" + version;
        }
    }

    private static final String GOLD_KEY = "label_model_gold.";

    /** The project's runs and the status of one of them (null when there is none): what a screen shows about the fit it uses. */
    public record Found(List<ModelRecord> runs, FitStatus status) {
    }

    /** Looks up the runs and one run's status (0: the latest) in the background. */
    public record Job(Project project, long runId) implements Workflow<Found> {

        @Override
        public Found run(ProgressListener progress, Cancellation cancel) {
            return new Found(ModelRuns.list(project), of(project, runId));
        }

        @Override
        public String title() {
            return "Checking the label model run";
        }
    }

    public boolean stale() {
        return !changes.isEmpty();
    }

    /** "Label model run 3: snorkel, fitted on labeled at 2026-…, on 6 LFs (length v1, …)". */
    public String describe() {
        return "Label model run " + run.id() + ": " + run.type() + ", fitted on " + run.fitOn() + " at " + run.createdAt() + ", on "
                + fittedOn.size() + " LF" + (fittedOn.size() == 1 ? "" : "s") + " ("
                + String.join(", ", fittedOn.stream().map(LfVersion::toString).toList()) + ")";
    }

    /** The description and, when stale, what changed. */
    public String summary() {
        return describe() + (stale() ? ".\nStale: " + String.join("; ", changes) + " since this fit; fit again."
                : goldTracked ? "; current." : "; its LFs are current (gold changes since are not known for a run this old).");
    }

    /** The status of a run (0: the latest), or null when the project has no such run. */
    public static FitStatus of(Project project, long runId) {
        ModelRecord run = ModelRuns.get(project, runId);
        if (run == null) {
            return null;
        }
        return of(run, Lfs.list(project), Meta.get(project, GOLD_KEY + run.id()), goldFingerprint(Pairs.labels(project, false)));
    }

    /**
     * @param goldAtFit the fingerprint recorded with the fit, or null for a run fitted before they were recorded
     * @param goldNow   the fingerprint of the project's visible gold now
     */
    public static FitStatus of(ModelRecord run, List<LfRecord> lfsNow, String goldAtFit, String goldNow) {
        List<LfVersion> fitted = lfVersions(run);
        Map<String, Integer> now = new LinkedHashMap<>();
        for (LfRecord r : lfsNow) {
            if (r.enabled()) {
                now.put(r.name(), r.version());
            }
        }
        List<String> changes = new ArrayList<>();
        for (LfVersion v : fitted) {
            Integer version = now.remove(v.name());
            if (version == null) {
                changes.add("LF " + v.name() + " was deleted or disabled");
            } else if (version != v.version()) {
                changes.add("LF " + v.name() + " was edited (v" + v.version() + " → v" + version + ")");
            }
        }
        now.keySet().forEach(name -> changes.add("LF " + name + " was added or enabled"));
        if (goldAtFit != null && !goldAtFit.equals(goldNow)) {
            changes.add("gold labels were added or changed");
        }
        return new FitStatus(run, fitted, List.copyOf(changes), goldAtFit != null);
    }

    static List<LfVersion> lfVersions(ModelRecord run) {
        List<LfVersion> out = new ArrayList<>();
        try {
            for (JsonNode lf : Json.MAPPER.readTree(run.lfs())) {
                out.add(new LfVersion(lf.path("name").asText(), lf.path("version").asInt()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("label model run " + run.id() + " has an unreadable LF list", e);
        }
        return out;
    }

    /** Records the visible gold a run was fitted with, so that a later change of it can be told. */
    static void rememberGold(Project project, ModelRecord run, Pairs.Labels visible) {
        Meta.put(project, GOLD_KEY + run.id(), goldFingerprint(visible));
    }

    /** SHA-256 of the labeled pairs' ids, gold and split: changes when a gold label is added, changed or moved, not when pool pairs are added. */
    public static String goldFingerprint(Pairs.Labels visible) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(10);
            for (int r = 0; r < visible.size(); r++) {
                if (visible.gold()[r] < 0) {
                    continue;
                }
                b.clear();
                b.putLong(visible.ids()[r]).put(visible.gold()[r]).put(visible.split()[r]);
                d.update(b.array());
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
