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
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * The experiment's table (Markdown, mean ± standard deviation over seeds) and plot (PNG, reward-model
 * test accuracy against the labeled fraction for each variant, drawn with Java2D so it renders
 * headless).
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

    static void write(List<Experiment.Row> rows, Experiment.Params params, Path outDir) throws IOException, BadInputException {
        Map<Double, Map<String, Stat>> t = table(rows, params.variants());
        StringBuilder md = new StringBuilder();
        md.append("Reward-model pairwise accuracy on the test split (mean ± std over ").append(params.seeds()).append(" seeds); ")
                .append("dataset ").append(params.dataset().getFileName()).append(", LF preset ").append(params.preset()).append(".\n")
                .append("Label model and majority vote: accuracy of their hard labels on the test split; weak labels: accuracy of the ")
                .append("pool's weak labels against its hidden gold (evaluation only).\n\n");
        List<String> cols = new ArrayList<>(params.variants());
        cols.add("label model");
        cols.add("majority vote");
        cols.add("weak labels (pool)");
        md.append("| labeled |");
        for (String c : cols) {
            md.append(' ').append(c).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(cols.size())).append('\n');
        for (Map.Entry<Double, Map<String, Stat>> e : t.entrySet()) {
            md.append("| ").append(Experiment.trim(e.getKey())).append(" |");
            for (String c : cols) {
                md.append(' ').append(e.getValue().get(c).text()).append(" |");
            }
            md.append('\n');
        }
        md.append("\nLength-controlled: reward-model accuracy where the longer answer is preferred / where the shorter is")
                .append(" (length-balanced = their mean); the 'longer wins' baseline scores 1 / 0.\n\n| labeled |");
        for (String v : params.variants()) {
            md.append(' ').append(v).append(" longer / shorter | ").append(v).append(" balanced |");
        }
        md.append("\n|---|").append("---|---|".repeat(params.variants().size())).append('\n');
        for (double f : t.keySet()) {
            md.append("| ").append(Experiment.trim(f)).append(" |");
            for (String v : params.variants()) {
                List<Experiment.Row> cell = rows.stream().filter(r -> r.labeled() == f && r.variant().equals(v)).toList();
                Stat lo = Stat.of(cell.stream().map(Experiment.Row::rmLongerPreferred).toList());
                Stat sh = Stat.of(cell.stream().map(Experiment.Row::rmShorterPreferred).toList());
                Stat bal = Stat.of(cell.stream().map(Experiment.Row::rmLengthBalanced).toList());
                md.append(' ').append(Double.isNaN(lo.mean()) ? "–" : String.format(Locale.ROOT, "%.3f / %.3f", lo.mean(), sh.mean())).append(" | ")
                        .append(bal.text()).append(" |");
            }
            md.append('\n');
        }
        Experiment.output(outDir.resolve("results.md"), params).writeText(w -> w.write(md.toString()));
        writePng(Experiment.output(outDir.resolve("plot.png"), params), plot(t, params.variants(), params.dataset().getFileName().toString()));
    }

    static void writePng(OutputFile out, BufferedImage image) throws IOException, BadInputException {
        out.write(os -> {
            if (!ImageIO.write(image, "png", os)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    static BufferedImage plot(Map<Double, Map<String, Stat>> t, List<String> variants, String title) {
        List<String> series = new ArrayList<>(variants);
        series.add("label model");
        return plot(t, series, "Reward-model test accuracy vs labeled fraction — " + title, "labeled fraction of the training data", "RM: ");
    }

    /** Mean ± std of each series against x; a series named "label model" is dashed. */
    static BufferedImage plot(Map<Double, Map<String, Stat>> t, List<String> series, String title, String xLabel, String legendPrefix) {
        int w = 900;
        int h = 560;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int left = 80;
        int right = 220;
        int top = 50;
        int bottom = 70;
        int pw = w - left - right;
        int ph = h - top - bottom;
        List<Double> xs = new ArrayList<>(t.keySet());
        double lo = 1;
        double hi = 0;
        for (Map<String, Stat> m : t.values()) {
            for (Stat s : m.values()) {
                if (!Double.isNaN(s.mean())) {
                    lo = Math.min(lo, s.mean() - s.std());
                    hi = Math.max(hi, s.mean() + s.std());
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
        Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0x7f7f7f)};
        for (int si = 0; si < series.size(); si++) {
            String v = series.get(si);
            Color c = colors[si % colors.length];
            g.setColor(c);
            boolean dashed = v.equals("label model");
            g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f)
                    : new BasicStroke(2.2f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < xs.size(); i++) {
                Stat s = t.get(xs.get(i)).get(v);
                if (s == null || Double.isNaN(s.mean())) {
                    continue;
                }
                int px = xPos(i, xs.size(), left, pw) + (si - series.size() / 2) * 3;
                int py = yPos(s.mean(), lo, hi, top, ph);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                g.setStroke(new BasicStroke(1.2f));
                g.drawLine(px, yPos(s.mean() - s.std(), lo, hi, top, ph), px, yPos(s.mean() + s.std(), lo, hi, top, ph));
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
            g.drawString(v.equals("label model") ? "label model (hard labels)" : legendPrefix + v, left + pw + 52, ly + 4);
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
