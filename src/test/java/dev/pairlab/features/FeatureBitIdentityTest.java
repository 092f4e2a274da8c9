package dev.pairlab.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pairlab.TestData;
import dev.pairlab.features.reference.ReferenceFeatures;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.PairFormat;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's safety net: every text feature of every answer of the shared data sets is bit-identical
 * to the frozen pre-optimisation implementation ({@code features.reference}), through the production
 * path ({@link FeatureCache#compute}, parallel). The reference itself is pinned by a SHA-256 of each
 * column's float bits, computed before the optimisation, so an edit to the frozen copy is caught too.
 */
class FeatureBitIdentityTest {

    /** Data set → SHA-256 (first 16 hex digits) of each feature column, A answers then B answers, in feature order. */
    private static final Map<String, List<String>> PINNED = Map.of(
            "mt-bench-train", List.of("18cfc4abeebc8f55", "29cb51f02e740c23", "ec02bd64da70683c", "0f92ab9f6c5c969f", "1169b0a3563d09b5", "9204c8137e344323", "8b9f02f22a8ca3ad", "d70f60af36f614f1", "47004bdde2b56198", "8d50fe7d6acaf2ea", "8bde49cb0d459109"),
            "mt-bench-eval", List.of("395dae9407e5e03d", "ef5e1e08421e5587", "168a42f6ef177e1c", "5bc1c6ecdd3dcada", "6ee77d7a248b0b8d", "13a7161f193c7aa1", "e25caf42fd5addcc", "89d8637edc2f9826", "dd2c320986e9e803", "ef069f54e55dbf3e", "4a0737e1dd96c0d1"),
            "ub-2pct", List.of("ef459f584d0e9cb2", "f24472d928cebaeb", "56d0a123726c0c5e", "e433d4015bdade7b", "f1f8298c958e54a1", "e5a57d1893b26f63", "fd39f928e87001a5", "390bb9d01bcbc35e", "001d46c01d31b0bc", "61b98544383b06e0", "b44314943d316ee7"),
            "hh-1pct", List.of("8bc7897642291c14", "509b2bda6fc7a4bf", "657378ec6593392d", "7734d942e5fa18a4", "75eb6889bf3d0acf", "18a765edff2bff1a", "f0b5b409bebfc991", "12abe8f9a488dd82", "afe428ff7eb9d41d", "ab50217fda38906a", "8796b7205b3019bd"));

    private record DataSet(String name, Path file) {
    }

    private static List<DataSet> dataSets() {
        return List.of(new DataSet("mt-bench-train", TestData.mtBenchTrain()), new DataSet("mt-bench-eval", TestData.mtBenchEval()),
                new DataSet("ub-2pct", TestData.ub2()), new DataSet("hh-1pct", TestData.hh1()));
    }

    private static List<Pair> read(Path file) throws Exception {
        List<Pair> out = new ArrayList<>();
        PairFormat format = Formats.detect(file);
        try (PairReader r = format.open(file, ImportOptions.defaults())) {
            ParsedRecord rec;
            while ((rec = r.next()) != null) {
                if (!rec.isOk()) {
                    fail(file + ": a record does not parse");
                }
                out.add(rec.pair());
            }
        }
        return out;
    }

    @Test
    void everyFeatureColumnIsBitIdenticalToTheFrozenImplementationOnTheSharedData() throws Exception {
        assertEquals(ReferenceFeatures.names(), Features.all().stream().map(Feature::name).toList());
        int features = ReferenceFeatures.names().size();
        StringBuilder pinned = new StringBuilder();
        List<String> changed = new ArrayList<>();
        for (DataSet ds : dataSets()) {
            List<Pair> pairs = read(ds.file());
            int n = pairs.size();
            FeatureTable table = FeatureCache.compute(IntStream.range(0, n).asLongStream().toArray(),
                    pairs.stream().map(Pair::answerA).toList(), pairs.stream().map(Pair::answerB).toList());
            float[][] refA = new float[n][];
            float[][] refB = new float[n][];
            IntStream.range(0, n).parallel().forEach(i -> {
                refA[i] = ReferenceFeatures.compute(pairs.get(i).answerA());
                refB[i] = ReferenceFeatures.compute(pairs.get(i).answerB());
            });
            List<String> hashes = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                String name = ReferenceFeatures.names().get(f);
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                ByteBuffer bits = ByteBuffer.allocate(8 * n);
                for (int i = 0; i < n; i++) {
                    bits.putInt(Float.floatToRawIntBits(refA[i][f]));
                }
                for (int i = 0; i < n; i++) {
                    bits.putInt(Float.floatToRawIntBits(refB[i][f]));
                }
                hashes.add(HexFormat.of().formatHex(sha.digest(bits.array())).substring(0, 16));
                int col = table.names().indexOf(name);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToRawIntBits(table.a(col)[i]) != Float.floatToRawIntBits(refA[i][f])) {
                        fail(ds.name() + " pair " + i + " answer A, " + name + ": " + table.a(col)[i] + " != reference "
                                + refA[i][f] + "\n" + pairs.get(i).answerA());
                    }
                    if (Float.floatToRawIntBits(table.b(col)[i]) != Float.floatToRawIntBits(refB[i][f])) {
                        fail(ds.name() + " pair " + i + " answer B, " + name + ": " + table.b(col)[i] + " != reference "
                                + refB[i][f] + "\n" + pairs.get(i).answerB());
                    }
                }
            }
            pinned.append("            \"").append(ds.name()).append("\", List.of(\"").append(String.join("\", \"", hashes)).append("\"),\n");
            if (!hashes.equals(PINNED.get(ds.name()))) {
                changed.add(ds.name());
            }
        }
        assertEquals(List.of(), changed, "the frozen reference's columns are not the pinned ones; hashes now:\n" + pinned);
    }

    /** Texts the shared data may not hold: case mappings that are not one char to one char, curly apostrophes, markup. */
    @Test
    void trickyTextsAreBitIdenticalToo() {
        List<String> texts = List.of("", " ", "İSTANBUL İstanbul’s İİİ", "ΣΟΦΙΑΣ σοφίας ΟΔΥΣΣΕΥΣ", "Straße STRASSE ǅemal ǈ",
                "DON’T Don't it’s THE CHILDREN’S studies boxes asked asking classes",
                "𝐁𝐨𝐥𝐝 𐐀𐐨 😀 emoji!!! Really??? NOT good but GREAT", "- a\n* b\n• c\n+ d\n12. e\n1234. f\n 3) g\n-\tx\n-  \n",
                "a\r\n- b\u2028- c\u0085- d\u2029 1.\u2028x", "```java\nx\n``` ```` ``", "WWW.example.com http://x.y/z) Www.a www. https://",
                "Ça été élevé ÉTÉ ÀÉÎÕÜ ÿ Ÿ naïve façade", "3.14 is pi. Is it?\nYes! 1,000 items_2 ٣٤ ¹²",
                "You are the bomb, good food to die for, but that was the kiss of death. Yeah right, sort of good, kind of bad",
                "a very good great happy day: the shit is great, bad ass movie, a broken heart and a beating heart, good bus stop",
                "it was just enough fun and good, at least not bad, never so good, without doubt nice, not the bomb");
        for (String text : texts) {
            float[] ref = ReferenceFeatures.compute(text);
            Text t = new Text(text);
            for (int f = 0; f < ref.length; f++) {
                Feature feature = Features.all().get(f);
                assertEquals(Float.floatToRawIntBits(ref[f]), Float.floatToRawIntBits((float) feature.compute(t)),
                        feature.name() + " of \"" + text + "\"");
            }
        }
    }

    /** The hand-written scanners against the frozen regex features on random strings over the chars that matter to them. */
    @Test
    void scannersCountWhatTheRegexesCountOnRandomStrings() {
        String alphabet = " \t\n\r\u000B\f\u0085\u2028\u2029-*•+0123456789.)`xWw:/h";
        java.util.Random random = new java.util.Random(22);
        List<String> names = ReferenceFeatures.names();
        int[] columns = {names.indexOf("list_items"), names.indexOf("code_blocks"), names.indexOf("urls")};
        for (int k = 0; k < 200_000; k++) {
            char[] c = new char[random.nextInt(24)];
            for (int j = 0; j < c.length; j++) {
                c[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(c);
            float[] ref = ReferenceFeatures.compute(text);
            Text t = new Text(text);
            for (int f : columns) {
                assertEquals(ref[f], (float) Features.all().get(f).compute(t), names.get(f) + " of \"" + text.replace("\n", "\\n") + "\"");
            }
        }
    }

    /** The parallel ranges give the same columns on one thread and on three. */
    @Test
    void columnsDoNotDependOnTheNumberOfThreads() throws Exception {
        List<Pair> pairs = read(TestData.mtBenchEval());
        long[] ids = IntStream.range(0, pairs.size()).asLongStream().toArray();
        List<String> a = pairs.stream().map(Pair::answerA).toList();
        List<String> b = pairs.stream().map(Pair::answerB).toList();
        FeatureTable[] tables = new FeatureTable[2];
        int[] threads = {1, 3};
        for (int k = 0; k < 2; k++) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads[k]);
            try {
                tables[k] = pool.submit(() -> FeatureCache.compute(ids, a, b)).get();
            } finally {
                pool.shutdown();
            }
        }
        for (int f = 0; f < tables[0].names().size(); f++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(tables[0].a(f), tables[1].a(f), tables[0].names().get(f));
            org.junit.jupiter.api.Assertions.assertArrayEquals(tables[0].b(f), tables[1].b(f), tables[0].names().get(f));
        }
    }
}
