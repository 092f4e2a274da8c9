package dev.pairlab.encoder;

import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Transcript;
import dev.pairlab.reward.Devices;
import dev.pairlab.reward.Pretrained;
import dev.pairlab.reward.TransformerRewardNet;
import dev.pairlab.store.Embeddings;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.CancelledException;
import dev.pairlab.task.Parameters;
import dev.pairlab.task.Problem;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Computes sentence embeddings of every pair's prompt and answers that the project lacks, and stores
 * them (one transaction per chunk of pairs, so a cancelled run keeps what it finished and the next run
 * does only the rest). Texts are embedded in batches of similar length, to waste little on padding.
 */
public final class EmbeddingJob {

    /** Pairs read, embedded and saved together. */
    static final int CHUNK = 64;

    /**
     * @param pairs        pairs embedded by this run
     * @param already      pairs that had embeddings before
     * @param texts        texts embedded (3 per pair)
     * @param seconds      wall time of the embedding itself (loading the model excluded)
     */
    public record Result(String model, long pairs, long already, long texts, double seconds, String device) {
        public double textsPerSecond() {
            return seconds <= 0 ? 0 : texts / seconds;
        }
    }

    /** Where the encoder runs. */
    public enum Device {
        AUTO, CPU, GPU;

        /** {@code auto}, {@code cpu} or {@code gpu}, as the command line and the project say it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Device parse(String s) {
            for (Device d : values()) {
                if (d.key().equals(s.strip().toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
            throw new IllegalArgumentException("the device must be auto, cpu or gpu, not '" + s + "'");
        }
    }

    /**
     * What to run, as {@code pairlab embed} and the feature explorer's Embed both take it.
     *
     * @param model     {@code minilm} (shipped) or a BERT-family checkpoint folder
     * @param maxTokens tokens per text; longer texts are cut
     * @param batch     texts embedded together
     */
    public record Options(String model, int maxTokens, int batch, Device device) implements Parameters {

        public static final String DEFAULT_MODEL = "minilm";
        public static final String DEFAULT_MAX_TOKENS = "128";
        public static final String DEFAULT_BATCH = "32";
        public static final String DEFAULT_DEVICE = "auto";
        public static final String DESC_MODEL = "minilm (all-MiniLM-L6-v2, shipped) or a BERT-family checkpoint folder";
        public static final String DESC_MAX_TOKENS = "Tokens per text; longer texts are cut";
        public static final String DESC_BATCH = "Texts embedded together";
        public static final String DESC_DEVICE = "auto, cpu or gpu";

        public static Options defaults() {
            return new Options(DEFAULT_MODEL, Integer.parseInt(DEFAULT_MAX_TOKENS), Integer.parseInt(DEFAULT_BATCH), Device.parse(DEFAULT_DEVICE));
        }

        @Override
        public List<Problem> validate() {
            List<Problem> problems = new ArrayList<>();
            if (model == null || model.isBlank()) {
                problems.add(Problem.of("model", "name the encoder: minilm or a checkpoint folder"));
            }
            if (maxTokens < 8) {
                problems.add(Problem.of("maxTokens", "the tokens per text must be at least 8 (got " + maxTokens + ")"));
            }
            if (batch < 1) {
                problems.add(Problem.of("batch", "the batch must be at least 1 text (got " + batch + ")"));
            }
            return problems;
        }
    }

    /** Embedding as a job: what {@code pairlab embed} and the feature explorer both run. */
    public record Job(Project project, Options options) implements Workflow<Result> {

        @Override
        public Result run(ProgressListener progress, Cancellation cancel) throws Exception {
            options.requireValid();
            return EmbeddingJob.run(project, options, progress, cancel);
        }

        @Override
        public String title() {
            return "Embedding with " + key(options.model());
        }
    }

    private EmbeddingJob() {
    }

    /** The name embeddings of this model are stored under: a known model's name, or the folder's name. */
    public static String key(String model) {
        Pretrained.Known k = Pretrained.known(model);
        return k != null ? k.name() : Path.of(model).getFileName().toString();
    }

    public static Result run(Project project, Options o, ProgressListener progress, Cancellation cancel)
            throws IOException, CancelledException {
        String key = key(o.model());
        long[] all = Pairs.ids(project, Pairs.allSplits());
        long[] todo = Embeddings.missing(project, key, all);
        Devices.Choice device = Devices.choose(o.device().key());
        if (todo.length == 0) {
            return new Result(key, 0, all.length, 0, 0, device.description());
        }
        Path checkpoint = Pretrained.resolve(o.model(), progress);
        try (TransformerRewardNet net = TransformerRewardNet.load(checkpoint, o.maxTokens(), 1, device.device())) {
            long t0 = System.nanoTime();
            long texts = 0;
            for (int from = 0; from < todo.length; from += CHUNK) {
                cancel.throwIfCancelled();
                int to = Math.min(todo.length, from + CHUNK);
                List<Pair> pairs = Pairs.page(project, todo, from, to, 6000, 6000);
                List<String> inputs = new ArrayList<>(pairs.size() * 3);
                for (Pair p : pairs) {
                    inputs.add(prompt(p.context()));
                    inputs.add(p.answerA());
                    inputs.add(p.answerB());
                }
                float[][] vectors = embed(net, inputs, o.batch());
                List<Embeddings.Row> rows = new ArrayList<>(pairs.size());
                for (int i = 0; i < pairs.size(); i++) {
                    rows.add(new Embeddings.Row(pairs.get(i).id(), Embeddings.quantize(vectors[3 * i]), Embeddings.quantize(vectors[3 * i + 1]),
                            Embeddings.quantize(vectors[3 * i + 2])));
                }
                Embeddings.save(project, key, rows);
                texts += inputs.size();
                double s = (System.nanoTime() - t0) / 1e9;
                double rate = texts / Math.max(1e-9, s);
                progress.progress(to, todo.length, String.format(Locale.ROOT, "embedding with %s: %,d of %,d pairs, %.0f texts/s, about %s left",
                        key, to, todo.length, rate, eta((todo.length - to) * 3 / Math.max(rate, 1e-9))));
            }
            return new Result(key, todo.length, all.length - todo.length, texts, (System.nanoTime() - t0) / 1e9, device.description());
        }
    }

    /** Embeds texts in length-sorted batches; results in the input order. */
    public static float[][] embed(TransformerRewardNet net, List<String> texts, int batch) {
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batch) {
            int to = Math.min(order.length, from + batch);
            List<String> b = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                b.add(texts.get(order[k]));
            }
            float[][] v = net.embed(b);
            for (int k = from; k < to; k++) {
                out[order[k]] = v[k - from];
            }
        }
        return out;
    }

    /** What an answer should be relevant to: the last user turn of a conversation, or the whole prompt. */
    public static String prompt(String context) {
        if (!Transcript.isTranscript(context)) {
            return context;
        }
        List<Transcript.Message> messages = Transcript.messagesOf(context);
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content().strip();
            }
        }
        return context;
    }

    private static String eta(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 5400) {
            return Math.round(seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
