package dev.pairlab.reward;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.OutputFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * The experiment's tables (Markdown: each variant's plain and length-balanced accuracy beside "longer wins",
 * with 95 % bootstrap intervals and the paired difference to gold-only; the label models' accuracies) and
 * plot (PNG, plain and length-balanced accuracy against the labeled fraction, drawn with Java2D so it
 * renders headless).
 */
public final class ExperimentReport {

    /** Mean and sample standard deviation. */
    public record Stat(double mean, double std, int n) {
        static Stat of(List<Double> v) {
            List<Double> x = v.stream().filter(d -> !Double.isNaN(d)).toList();
            if (x.isEmpty()) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double m = x.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = 0;
            for (double d : x) {
                ss += (d - m) * (d - m);
            }
            return new Stat(m, x.size() > 1 ? Math.sqrt(ss / (x.size() - 1)) : 0, x.size());
        }

        String text() {
            return Double.isNaN(mean) ? "–" : String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
        }
    }

    private ExperimentReport() {
    }

    static Map<Double, Map<String, Stat>> table(List<Experiment.Row> rows, List<String> variants) {
        Map<Double, Map<String, Stat>> out = new LinkedHashMap<>();
        for (double f : new TreeSet<>(rows.stream().map(Experiment.Row::labeled).toList())) {
            Map<String, Stat> m = new LinkedHashMap<>();
            for (String v : variants) {
                m.put(v, Stat.of(rows.stream().filter(r -> r.labeled() == f && r.variant().equals(v)).map(Experiment.Row::rmAccuracy).toList()));
            }
            List<Experiment.Row> any = rows.stream().filter(r -> r.labeled() == f && r.variant().equals(variants.get(0))).toList();
            m.put("label model", Stat.of(any.stream().map(Experiment.Row::labelModelAccuracy).toList()));
            m.put("majority vote", Stat.of(any.stream().map(Experiment.Row::majorityAccuracy).toList()));
            m.put("weak labels (pool)", Stat.of(rows.stream().filter(r -> r.labeled() == f && r.variant().equals("gold+weak"))
                    .map(Experiment.Row::weakAccuracy).toList()));
            out.put(f, m);
        }
        return out;
    }

    /** One seed's test pairs and its variants' outcomes, as predictions.csv holds them. */
    static Map<Double, List<PairedBootstrap.Seed>> readPredictions(Path file, List<String> variants) throws IOException {
        Map<String, byte[]> lengths = new LinkedHashMap<>();
        Map<String, Map<String, boolean[]>> outcomes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(",", -1);
            if (f.length != 4 || f[0].equals("labeled")) {
                continue;
            }
            String key = f[0] + "/" + f[1];
            if (f[2].equals(Experiment.LENGTH_ROW)) {
                byte[] l = new byte[f[3].length()];
                for (int i = 0; i < l.length; i++) {
                    char c = f[3].charAt(i);
                    l[i] = (byte) (c == 'L' ? 1 : c == 'S' ? 0 : -1);
                }
                lengths.put(key, l);
            } else {
                boolean[] c = new boolean[f[3].length()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = f[3].charAt(i) == '1';
                }
                outcomes.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(f[2], c);
            }
        }
        Map<Double, List<PairedBootstrap.Seed>> out = new java.util.TreeMap<>();
        for (var e : lengths.entrySet()) {
            Map<String, boolean[]> o = outcomes.getOrDefault(e.getKey(), Map.of());
            if (!o.keySet().containsAll(variants)) {
                continue; // a seed not finished yet
            }
            double fraction = Double.parseDouble(e.getKey().substring(0, e.getKey().indexOf('/')));
            out.computeIfAbsent(fraction, x -> new ArrayList<>()).add(new PairedBootstrap.Seed(e.getValue(), o));
        }
        return out;
    }

    static String ci(PairedBootstrap.Estimate e, boolean signed) {
        if (Double.isNaN(e.value())) {
            return "–";
        }
        String f = signed ? "%+.3f [%+.3f, %+.3f]" : "%.3f [%.3f, %.3f]";
        return String.format(Locale.ROOT, f, e.value(), e.low(), e.high());
    }

    static void write(List<Experiment.Row> rows, Experiment.Params params, Path outDir) throws IOException, BadInputException {
        List<String> variants = params.variants();
        String baseline = variants.contains("gold") ? "gold" : null;
        Map<Double, List<PairedBootstrap.Seed>> seeds = readPredictions(outDir.resolve("predictions.csv"), variants);
        Map<Double, PairedBootstrap.Result> results = new LinkedHashMap<>();
        for (var e : seeds.entrySet()) {
            results.put(e.getKey(), PairedBootstrap.estimate(e.getValue(), variants, baseline, 20241029L));
        }
        Map<Double, Map<String, Stat>> t = table(rows, variants);
        StringBuilder md = new StringBuilder();
        int testPairs = rows.isEmpty() ? 0 : rows.get(0).testPairs();
        md.append("# Experiment: ").append(params.dataset().getFileName()).append(", LF preset ").append(params.preset())
                .append(", reward model ").append(params.reward().kind().key()).append("\n\n")
                .append("Test split: ").append(params.evalFile() == null ? String.format(Locale.ROOT, "a seeded %.0f %% of the dataset", 100 * params.evalFraction())
                        : params.evalFile().getFileName().toString()).append(" (").append(testPairs).append(" pairs per seed); ")
                .append(params.seeds()).append(" seed(s) per labeled fraction. Nothing was chosen on the test split: it is only scored.\n\n")
                .append("How to read: *accuracy* is the share of test pairs the reward model ranks right; *length-balanced* is the mean of its")
                .append(" accuracy on the pairs whose preferred answer is the longer one and on those where it is the shorter one (a model that")
                .append(" only prefers longer answers scores 0.5 there, whatever the data). \"'longer wins'\" is that length-only rule's plain")
                .append(" accuracy on the same test pairs. *Δ vs gold* is the paired difference to the gold-only reward model on the same splits,")
                .append(" seeds and test pairs. Intervals are 95 %, from a bootstrap over seeds and test pairs (")
                .append(PairedBootstrap.RESAMPLES).append(" resamples); a Δ whose interval contains 0 is not distinguishable from no change.\n\n");
        md.append("## Reward models on the test split\n\n");
        md.append("| labeled | training set | accuracy | length-balanced | Δ accuracy vs gold | Δ length-balanced vs gold |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (var e : results.entrySet()) {
            String f = Experiment.trim(e.getKey());
            PairedBootstrap.Result r = e.getValue();
            md.append("| ").append(f).append(" | 'longer wins' | ").append(ci(r.longerWins(), false)).append(" | 0.500 | | |\n");
            for (String v : variants) {
                PairedBootstrap.VariantEstimates x = r.variants().get(v);
                md.append("| ").append(f).append(" | ").append(v).append(" | ").append(ci(x.accuracy(), false)).append(" | ")
                        .append(ci(x.balanced(), false)).append(" | ").append(v.equals(baseline) ? "" : ci(x.accuracyGain(), true)).append(" | ")
                        .append(v.equals(baseline) ? "" : ci(x.balancedGain(), true)).append(" |\n");
            }
        }
        md.append("\n## Label models (hard labels; mean ± std over seeds)\n\n")
                .append("Test accuracy of each variant's label model and of majority vote; weak labels: accuracy of the pool's weak labels")
                .append(" against its hidden gold (evaluation only).\n\n| labeled | training set | label model (test) | weak labels (pool) | majority vote (test) |\n|---|---|---|---|---|\n");
        for (double f : t.keySet()) {
            for (String v : variants) {
                if (!ExperimentVariant.parse(v).weak()) {
                    continue;
                }
                List<Experiment.Row> cell = rows.stream().filter(r -> r.labeled() == f && r.variant().equals(v)).toList();
                md.append("| ").append(Experiment.trim(f)).append(" | ").append(v).append(" | ")
                        .append(Stat.of(cell.stream().map(Experiment.Row::labelModelAccuracy).toList()).text()).append(" | ")
                        .append(Stat.of(cell.stream().map(Experiment.Row::weakAccuracy).toList()).text()).append(" | ")
                        .append(Stat.of(cell.stream().map(Experiment.Row::majorityAccuracy).toList()).text()).append(" |\n");
            }
        }
        Experiment.output(outDir.resolve("results.md"), params).writeText(w -> w.write(md.toString()));
        writePng(Experiment.output(outDir.resolve("plot.png"), params), plot(results, variants, params.dataset().getFileName().toString()));
    }

    /** Two panels: plain accuracy (with 'longer wins') and length-balanced accuracy, each with its 95 % intervals. */
    static BufferedImage plot(Map<Double, PairedBootstrap.Result> results, List<String> variants, String title) {
        Map<Double, Map<String, Band>> plain = new LinkedHashMap<>();
        Map<Double, Map<String, Band>> balanced = new LinkedHashMap<>();
        String longer = "'longer wins'";
        for (var e : results.entrySet()) {
            Map<String, Band> p = new LinkedHashMap<>();
            Map<String, Band> b = new LinkedHashMap<>();
            for (String v : variants) {
                PairedBootstrap.VariantEstimates x = e.getValue().variants().get(v);
                p.put(v, new Band(x.accuracy().value(), x.accuracy().low(), x.accuracy().high()));
                b.put(v, new Band(x.balanced().value(), x.balanced().low(), x.balanced().high()));
            }
            PairedBootstrap.Estimate lw = e.getValue().longerWins();
            p.put(longer, new Band(lw.value(), lw.low(), lw.high()));
            b.put(longer, new Band(0.5, Double.NaN, Double.NaN));
            plain.put(e.getKey(), p);
            balanced.put(e.getKey(), b);
        }
        List<String> series = new ArrayList<>(variants);
        series.add(longer);
        BufferedImage left = plotBands(plain, series, "Accuracy — " + title, "labeled fraction", "RM: ", 860, Set.of(longer));
        BufferedImage right = plotBands(balanced, series, "Length-balanced accuracy — " + title, "labeled fraction", "RM: ", 860, Set.of(longer));
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        return both;
    }

    static void writePng(OutputFile out, BufferedImage image) throws IOException, BadInputException {
        out.write(os -> {
            if (!ImageIO.write(image, "png", os)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** Mean ± std of each series against x; a series named "label model" is dashed. */
    static BufferedImage plot(Map<Double, Map<String, Stat>> t, List<String> series, String title, String xLabel, String legendPrefix) {
        Map<Double, Map<String, Band>> bands = new LinkedHashMap<>();
        t.forEach((x, m) -> {
            Map<String, Band> b = new LinkedHashMap<>();
            m.forEach((k, st) -> b.put(k, new Band(st.mean(), st.mean() - st.std(), st.mean() + st.std())));
            bands.put(x, b);
        });
        return plotBands(bands, series, title, xLabel, legendPrefix, 900, Set.of("label model"));
    }

    /** A value with the ends of its error bar. */
    record Band(double value, double low, double high) {
    }

    /** Each series' value and error bar against x; the series in {@code dashed} are dashed. */
    static BufferedImage plotBands(Map<Double, Map<String, Band>> t, List<String> series, String title, String xLabel, String legendPrefix,
                                   int w, Set<String> dashedSeries) {
        int h = 560;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int left = 80;
        // The legend's column is as wide as its longest name (variant names such as gold+weak:semi:balanced:lenctl are long).
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legend = 0;
        for (String v : series) {
            legend = Math.max(legend, g.getFontMetrics().stringWidth(v.equals("label model") ? "label model (hard labels)" : legendPrefix + v));
        }
        int right = Math.max(220, legend + 70);
        int top = 50;
        int bottom = 70;
        int pw = w - left - right;
        int ph = h - top - bottom;
        List<Double> xs = new ArrayList<>(t.keySet());
        double lo = 1;
        double hi = 0;
        for (Map<String, Band> m : t.values()) {
            for (Band s : m.values()) {
                if (!Double.isNaN(s.value())) {
                    lo = Math.min(lo, Double.isNaN(s.low()) ? s.value() : s.low());
                    hi = Math.max(hi, Double.isNaN(s.high()) ? s.value() : s.high());
                }
            }
        }
        lo = Math.max(0, Math.floor((lo - 0.02) * 20) / 20);
        hi = Math.min(1, Math.ceil((hi + 0.02) * 20) / 20);
        if (hi <= lo) {
            hi = lo + 0.1;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xDDDDDD));
        for (double y = lo; y <= hi + 1e-9; y += 0.05) {
            int py = top + ph - (int) Math.round((y - lo) / (hi - lo) * ph);
            g.drawLine(left, py, left + pw, py);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        for (double y = lo; y <= hi + 1e-9; y += 0.05) {
            int py = top + ph - (int) Math.round((y - lo) / (hi - lo) * ph);
            g.drawString(String.format(Locale.ROOT, "%.2f", y), left - 40, py + 4);
        }
        for (int i = 0; i < xs.size(); i++) {
            int px = xPos(i, xs.size(), left, pw);
            g.drawString(Experiment.trim(xs.get(i)), px - 12, top + ph + 20);
        }
        g.drawString(xLabel, left + pw / 2 - 100, h - 25);
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f)};
        for (int si = 0; si < series.size(); si++) {
            String v = series.get(si);
            Color c = colors[si % colors.length];
            g.setColor(c);
            boolean dashed = dashedSeries.contains(v);
            g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f)
                    : new BasicStroke(2.2f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < xs.size(); i++) {
                Band s = t.get(xs.get(i)).get(v);
                if (s == null || Double.isNaN(s.value())) {
                    continue;
                }
                int px = xPos(i, xs.size(), left, pw) + (si - series.size() / 2) * 3;
                int py = yPos(s.value(), lo, hi, top, ph);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                g.setStroke(new BasicStroke(1.2f));
                if (!Double.isNaN(s.low())) {
                    g.drawLine(px, yPos(s.low(), lo, hi, top, ph), px, yPos(s.high(), lo, hi, top, ph));
                }
                g.fillOval(px - 4, py - 4, 8, 8);
                g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f)
                        : new BasicStroke(2.2f));
                prevX = px;
                prevY = py;
            }
            g.setStroke(new BasicStroke(2.2f));
            int ly = top + 20 + si * 22;
            g.drawLine(left + pw + 15, ly, left + pw + 45, ly);
            g.setColor(Color.BLACK);
            g.drawString(v.equals("label model") ? "label model (hard labels)" : v.startsWith("'") ? v : legendPrefix + v, left + pw + 52, ly + 4);
        }
        g.dispose();
        return img;
    }

    private static int xPos(int i, int n, int left, int pw) {
        return n == 1 ? left + pw / 2 : left + 40 + (int) Math.round((double) i / (n - 1) * (pw - 80));
    }

    private static int yPos(double v, double lo, double hi, int top, int ph) {
        return top + ph - (int) Math.round((v - lo) / (hi - lo) * ph);
    }
}
