package dev.pairlab.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Split;
import dev.pairlab.pairs.SplitParams;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.InvalidParametersException;
import dev.pairlab.task.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sample projects: definitions shipped with the app (sample-projects/NAME.json) naming public data
 * files, which are looked up in the data folder (PAIRLAB_DATA) and imported into a project file.
 */
public final class SampleProjects {

    public static final List<String> NAMES = List.of("mt-bench", "hh-rlhf", "ultrafeedback");

    /** A sample's definition. */
    /**
     * @param lfPreset   the paper's LF set the sample starts with (lf package's preset name), or null
     * @param extraLfs   further LFs as {name, kind, definition} JSON (the sample's improvement on the paper)
     * @param settings   the label-model and training settings the sample suggests, kept in the project's meta table
     */
    public record Definition(String name, String title, String source, String download, List<FileEntry> files,
                             SplitParams split, String lfPreset, List<JsonNode> extraLfs, JsonNode settings) {
    }

    /** Adds LFs to a new sample project; the lf package provides it (store does not know LFs). */
    public interface LfSeeder {
        void seed(Project project, String preset);

        /** Saves one LF given as {name, kind, definition} JSON; its name must be a valid new LF name. */
        default void seed(Project project, JsonNode lf) throws BadInputException {
            Lfs.save(project, lf.path("name").asText(), lf.path("kind").asText(), lf.path("definition").toString());
        }
    }

    public record FileEntry(String path, String format, Split split) {
    }

    private SampleProjects() {
    }

    public static Definition definition(String name) throws BadInputException {
        String resource = "/sample-projects/" + name + ".json";
        try (InputStream in = SampleProjects.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BadInputException("no sample project '" + name + "' (samples: " + NAMES + ")");
            }
            JsonNode n = Json.MAPPER.readTree(in);
            List<FileEntry> files = new ArrayList<>();
            for (JsonNode f : n.path("files")) {
                files.add(new FileEntry(f.path("path").asText(), f.path("format").asText(null),
                        f.hasNonNull("split") ? Split.parse(f.get("split").asText()) : null));
            }
            SplitParams split = null;
            JsonNode s = n.get("split");
            if (s != null) {
                split = new SplitParams(s.path("eval").asDouble(), s.path("labeled").asDouble(), s.path("dev").asDouble(),
                        s.path("seed").asLong(123), s.path("by_context").asBoolean(false));
            }
            List<JsonNode> extra = new ArrayList<>();
            n.path("extra_lfs").forEach(extra::add);
            com.fasterxml.jackson.databind.node.ObjectNode settings = Json.MAPPER.createObjectNode();
            settings.set("label_model", n.path("label_model"));
            settings.set("training", n.path("training"));
            return new Definition(n.path("name").asText(name), n.path("title").asText(), n.path("source").asText(),
                    n.path("download").asText(), files, split, n.path("lf_preset").asText(null), extra, settings);
        } catch (IOException e) {
            throw new IllegalStateException("sample definition " + resource + " is unreadable", e);
        }
    }

    /**
     * The sample's project file in {@code folder}, built from the data folder on first use. Missing
     * data files give a message saying exactly which file to put where.
     */
    public static Path ensure(String name, Path folder, Path dataDir, LfSeeder lfs, ProgressListener progress, Cancellation cancel)
            throws BadInputException, ProjectException, InvalidParametersException, IOException, CancelledException {
        Definition d = definition(name);
        Path file = folder.resolve(d.name() + Project.EXTENSION);
        if (Files.exists(file)) {
            return file;
        }
        for (FileEntry f : d.files()) {
            Path data = dataDir.resolve(f.path());
            if (!Files.isRegularFile(data)) {
                throw new BadInputException("sample '" + name + "' needs " + data + ", which is missing. Download it from "
                        + d.download() + " and put it there, or set PAIRLAB_DATA to the folder that holds "
                        + Path.of(f.path()).getParent() + "/");
            }
        }
        Files.createDirectories(folder);
        Path partial = folder.resolve("." + d.name() + ".building" + Project.EXTENSION);
        Files.deleteIfExists(partial);
        boolean ok = false;
        try {
            try (Project p = Project.create(partial)) {
                for (FileEntry f : d.files()) {
                    ImportOptions o = ImportOptions.defaults().withFormat(f.format()).withSplit(f.split());
                    PairImport.run(p, dataDir.resolve(f.path()), o, null, progress, cancel);
                }
                if (d.split() != null) {
                    Splitter.split(p, d.split(), progress, cancel);
                }
                if (d.lfPreset() != null && lfs != null) {
                    lfs.seed(p, d.lfPreset());
                }
                if (lfs != null) {
                    for (JsonNode lf : d.extraLfs()) {
                        lfs.seed(p, lf);
                    }
                }
                Meta.put(p, "sample.settings", d.settings().toString());
            }
            Files.move(partial, file);
            ok = true;
        } finally {
            Files.deleteIfExists(ProjectLock.lockFile(partial));
            if (!ok) {
                Files.deleteIfExists(partial);
            }
        }
        return file;
    }
}
