package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairlab.features.EmbeddingFeatures;
import dev.pairlab.lf.ExemplarRule;
import dev.pairlab.lf.FeatureRule;
import dev.pairlab.lf.JudgeRule;
import dev.pairlab.lf.LfDefinition;
import dev.pairlab.lf.LfException;
import dev.pairlab.lf.NamedLf;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.OutputFile;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The LF set and a fitted label model as files that need no project ({@code pairlab lf export},
 * {@code pairlab model export}): what the Spark job reads. Versioned ({@value #VERSION}); the model
 * file names the LFs (and their versions) it was fitted on, and reading checks they match.
 */
public final class Portable {

    public static final String LFS_FORMAT = "pairlab-lfs";
    public static final String MODEL_FORMAT = "pairlab-label-model";
    public static final int VERSION = 1;

    private Portable() {
    }

    public static ObjectNode lfsJson(List<NamedLf> lfs, String project) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("format", LFS_FORMAT).put("version", VERSION).put("project", project);
        ArrayNode list = o.putArray("lfs");
        for (NamedLf lf : lfs) {
            ObjectNode x = list.addObject().put("name", lf.name()).put("version", lf.version()).put("kind", lf.definition().kind());
            x.set("definition", lf.definition().toJson());
        }
        return o;
    }

    /**
     * Writing a fitted run (0: the latest) with the names and versions of its LFs to the file the Spark job reads:
     * {@code model export}. The project's LFs must not have changed since the fit.
     */
    public record ModelExportJob(Project project, long run, OutputFile out) implements Workflow<WeakExport.Labeler> {

        @Override
        public WeakExport.Labeler run(ProgressListener progress, Cancellation cancel) throws Exception {
            out.check();
            WeakExport.Labeler labeler = WeakExport.fromProject(project, run);
            String name = project.file().getFileName().toString();
            out.writeText(w -> w.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(modelJson(labeler, name)) + "\n"));
            return labeler;
        }

        @Override
        public String title() {
            return "Exporting the label model to " + out.file().getFileName();
        }
    }

    public static ObjectNode modelJson(WeakExport.Labeler labeler, String project) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("format", MODEL_FORMAT).put("version", VERSION).put("project", project);
        ArrayNode names = o.putArray("lfs");
        for (NamedLf lf : labeler.lfs()) {
            names.addObject().put("name", lf.name()).put("version", lf.version());
        }
        o.set("label_model", labeler.modelRun());
        return o;
    }

    /** The LFs of an LF file. */
    public static List<NamedLf> lfs(JsonNode file) throws LfException {
        check(file, LFS_FORMAT, "LF");
        List<NamedLf> out = new ArrayList<>();
        for (JsonNode lf : file.path("lfs")) {
            String name = lf.path("name").asText("");
            if (name.isEmpty()) {
                throw new LfException("LF file: an LF without a name");
            }
            try {
                LfDefinition d = LfDefinition.parse(lf.path("kind").asText(), lf.path("definition").toString());
                // Whoever hands an LF file to the Spark job vouches for it: 'lf export' writes code LFs only once trusted.
                out.add(new NamedLf(name, 0, lf.path("version").asInt(1), d, true));
            } catch (LfException e) {
                throw new LfException("LF file, LF '" + name + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** LFs and model from their files; the model must have been fitted on exactly these LFs (names, versions, order). */
    public static WeakExport.Labeler labeler(JsonNode lfsFile, JsonNode modelFile) throws LfException {
        List<NamedLf> lfs = lfs(lfsFile);
        check(modelFile, MODEL_FORMAT, "label model");
        List<String> want = new ArrayList<>();
        modelFile.path("lfs").forEach(x -> want.add(x.path("name").asText() + " v" + x.path("version").asInt()));
        List<String> have = lfs.stream().map(lf -> lf.name() + " v" + lf.version()).toList();
        if (!want.equals(have)) {
            throw new LfException("the label model was fitted on the LFs " + want + " but the LF file has " + have
                    + "; export both from the same project state");
        }
        ObjectNode run = (ObjectNode) modelFile.path("label_model");
        return new WeakExport.Labeler(lfs, LabelModels.fromJson((ObjectNode) run.path("model")), run);
    }

    /**
     * Why these LFs cannot run outside a project, or null: LLM judges vote from answers stored in a
     * project, exemplar LFs and embedding features need stored embeddings.
     */
    public static String projectOnly(List<NamedLf> lfs) {
        for (NamedLf lf : lfs) {
            LfDefinition d = lf.definition();
            if (d instanceof JudgeRule) {
                return "LF '" + lf.name() + "' is an LLM judge: its votes are the answers stored in a project";
            }
            if (d instanceof ExemplarRule) {
                return "LF '" + lf.name() + "' is an exemplar LF: it needs sentence embeddings stored in a project";
            }
            if (d instanceof FeatureRule f && EmbeddingFeatures.NAMES.contains(f.feature())) {
                return "LF '" + lf.name() + "' reads the embedding feature '" + f.feature() + "', stored only in a project";
            }
        }
        return null;
    }

    private static void check(JsonNode file, String format, String what) throws LfException {
        if (!format.equals(file.path("format").asText())) {
            throw new LfException("not a Pairlab " + what + " file (its \"format\" is '" + file.path("format").asText() + "', expected '"
                    + format + "')");
        }
        if (file.path("version").asInt() > VERSION) {
            throw new LfException("this " + what + " file has version " + file.path("version").asInt() + "; this Pairlab reads up to "
                    + VERSION);
        }
    }
}
