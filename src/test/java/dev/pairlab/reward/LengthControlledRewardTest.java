package dev.pairlab.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.pairlab.task.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Length-controlled reward models (decision 0015) on synthetic pairs where the truth is known: the
 * quality head q of a length-controlled model must not follow length where the preference is pure
 * length, and must still learn a quality signal that comes mixed with length.
 */
class LengthControlledRewardTest {

    @TempDir
    Path dir;

    static final String[] WORDS = {"apple", "river", "stone", "cloud", "green", "music", "table", "light", "paper", "ocean", "field",
        "glass", "horse", "night", "plant", "sugar", "train", "water", "bread", "chair", "dream", "earth", "flame", "grape", "house",
        "juice", "knife", "lemon", "money", "north", "olive", "pearl", "queen", "radio", "sheep", "tiger", "uncle", "voice", "whale",
        "youth"};

    /** An answer of {@code words} random words (same vocabulary whatever the length), with " thanks" at a random place if {@code keyword}. */
    static String answer(SplittableRandom r, int words, boolean keyword) {
        List<String> w = new ArrayList<>();
        for (int k = 0; k < words; k++) {
            w.add(WORDS[r.nextInt(WORDS.length)]);
        }
        if (keyword) {
            w.add(r.nextInt(w.size() + 1), "thanks");
        }
        return String.join(" ", w);
    }

    /** 3 to 80 words, log-uniform: lengths spread over a factor of 25 as real answers' are. */
    static int words(SplittableRandom r) {
        return (int) Math.round(Math.exp(Math.log(3) + r.nextDouble() * Math.log(80.0 / 3)));
    }

    static TrainPair pair(long id, String chosen, String rejected, SplittableRandom r) {
        boolean aChosen = r.nextBoolean();
        return new TrainPair(id, "question " + id, aChosen ? chosen : rejected, aChosen ? rejected : chosen, aChosen ? 1 : 0, false);
    }

    /** The preference is pure length: the longer answer (by at least 20 %) wins; the texts are otherwise alike. */
    static List<TrainPair> longerWins(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainPair> out = new ArrayList<>();
        while (out.size() < n) {
            int a = words(r);
            int b = words(r);
            if (Math.max(a, b) < 1.2 * Math.min(a, b)) {
                continue;
            }
            out.add(pair(out.size() + 1, answer(r, Math.max(a, b), false), answer(r, Math.min(a, b), false), r));
        }
        return out;
    }

    /**
     * Preference = quality + length: one answer says "thanks" (independent of its length), and the
     * winner is drawn with P(keyword answer wins) = σ(2 + 2.5·(ℓ_kw − ℓ_other)), ℓ = log words; so the
     * keyword answer wins 88 % of equal-length pairs but only about a third of pairs where it is 3× shorter.
     */
    static List<TrainPair> keywordPlusLength(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainPair> out = new ArrayList<>();
        while (out.size() < n) {
            int kw = words(r);
            int other = words(r);
            double z = 2 + 2.5 * (Math.log(kw) - Math.log(other));
            boolean kwWins = r.nextDouble() < 1 / (1 + Math.exp(-z));
            String k = answer(r, kw, true);
            String o = answer(r, other, false);
            out.add(kwWins ? pair(out.size() + 1, k, o, r) : pair(out.size() + 1, o, k, r));
        }
        return out;
    }

    /** Held-out pairs where the preferred answer is the SHORTER one (by at least 2×); {@code keyword}: it also says "thanks". */
    static List<TrainPair> shorterWins(int n, long seed, boolean keyword) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TrainPair> out = new ArrayList<>();
        while (out.size() < n) {
            int a = words(r);
            int b = words(r);
            if (Math.max(a, b) < 2 * Math.min(a, b)) {
                continue;
            }
            out.add(pair(out.size() + 1, answer(r, Math.min(a, b), keyword), answer(r, Math.max(a, b), false), r));
        }
        return out;
    }

    static RewardConfig plain() {
        return RewardConfig.features().withDevice("cpu");
    }

    static RewardConfig controlled() {
        return plain().withLengthTerm(RewardConfig.Length.LEARNED, -1);
    }

    /** Pearson's correlation between each answer's reward and log(1 + its characters), over the answers of {@code pairs}. */
    static double correlationWithLength(List<TrainPair> pairs, double[] rewards) {
        double[] l = new double[rewards.length];
        for (int i = 0; i < pairs.size(); i++) {
            l[2 * i] = LengthTerm.logLength(pairs.get(i).a());
            l[2 * i + 1] = LengthTerm.logLength(pairs.get(i).b());
        }
        return pearson(rewards, l);
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double accuracy(List<TrainPair> pairs, double[] rewards) {
        int right = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if ((rewards[2 * i] > rewards[2 * i + 1]) == pairs.get(i).aPreferred() && rewards[2 * i] != rewards[2 * i + 1]) {
                right++;
            }
        }
        return (double) right / pairs.size();
    }

    /** Trains through the experiment's own cell (so the experiment honours the option) and rewards {@code score}. */
    Experiment.Scored train(RewardConfig c, List<TrainPair> train, List<TrainPair> test, List<TrainPair> score) throws Exception {
        return Experiment.trainAndScore(c, train, test, score, dir, Cancellation.none());
    }

    @Test
    void whereThePreferenceIsPureLengthTheQualityHeadIgnoresLengthAndThePlainModelFollowsIt() throws Exception {
        List<TrainPair> train = longerWins(400, 1);
        List<TrainPair> test = longerWins(200, 2);
        List<TrainPair> reversed = shorterWins(400, 3, false);
        Experiment.Scored plain = train(plain(), train, test, reversed);
        Experiment.Scored controlled = train(controlled(), train, test, reversed);
        double plainCorr = correlationWithLength(reversed, plain.rewards());
        double qCorr = correlationWithLength(reversed, controlled.rewards());
        System.out.printf("pure length: plain corr %.3f, acc(longer wins) %.3f, acc(shorter wins) %.3f; "
                        + "controlled q corr %.3f, acc(longer wins) %.3f, acc(shorter wins) %.3f%n", plainCorr, plain.accuracy(),
                accuracy(reversed, plain.rewards()), qCorr, controlled.accuracy(), accuracy(reversed, controlled.rewards()));
        assertTrue(plainCorr > 0.8, "the plain model's reward follows length: corr " + plainCorr);
        assertTrue(plain.accuracy() > 0.95, "and so wins where longer wins: " + plain.accuracy());
        assertTrue(Math.abs(qCorr) < 0.1, "q is length-independent: corr " + qCorr);
        assertEquals(0.5, controlled.accuracy(), 0.1, "q is at chance where the longer answer is preferred");
        assertEquals(0.5, accuracy(reversed, controlled.rewards()), 0.1, "and where the shorter one is");
    }

    @Test
    void whereThePreferenceIsQualityPlusLengthTheQualityHeadStillLearnsTheQuality() throws Exception {
        List<TrainPair> train = keywordPlusLength(500, 4);
        List<TrainPair> test = keywordPlusLength(100, 5);
        List<TrainPair> reversed = shorterWins(200, 6, true);
        Experiment.Scored plain = train(plain(), train, test, reversed);
        Experiment.Scored controlled = train(controlled(), train, test, reversed);
        double plainAcc = accuracy(reversed, plain.rewards());
        double qAcc = accuracy(reversed, controlled.rewards());
        System.out.printf("keyword + length: on pairs where the shorter answer has the keyword and wins: plain %.3f, controlled q %.3f;"
                + " corr with length plain %.3f, q %.3f%n", plainAcc, qAcc, correlationWithLength(reversed, plain.rewards()),
                correlationWithLength(reversed, controlled.rewards()));
        assertTrue(qAcc > 0.9, "q learned the keyword, not length: " + qAcc);
        assertTrue(qAcc > plainAcc + 0.1, "and beats the plain model where length misleads: " + qAcc + " vs " + plainAcc);
    }

    static java.nio.file.Path trl(java.nio.file.Path file, List<TrainPair> pairs) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (TrainPair p : pairs) {
            com.fasterxml.jackson.databind.node.ObjectNode o = dev.pairlab.pairs.Json.MAPPER.createObjectNode();
            o.put("prompt", p.context()).put("chosen", p.aPreferred() ? p.a() : p.b()).put("rejected", p.aPreferred() ? p.b() : p.a());
            sb.append(o).append('\n');
        }
        return java.nio.file.Files.writeString(file, sb.toString());
    }

    @Test
    void aLengthControlledTransformerRunIsCancelledResumedFromItsConfigAndReloadsScoringTheQualityHeadOnly() throws Exception {
        Path ckpt = RandomCheckpoint.write(dir.resolve("tiny-bert"), 16, 2, 2, 32, 7);
        RewardConfig c = RewardConfig.transformer(ckpt.toString()).withEpochs(2).withBatch(4, 1, 3e-3, 2).withSchedule(0, 0, 0)
                .withDevice("cpu").withMaxLength(48).withLengthTerm(RewardConfig.Length.LEARNED, -1);
        List<TrainPair> test = longerWins(12, 8);
        try (dev.pairlab.store.Project p = dev.pairlab.store.Project.create(dir.resolve("t.pairlab"))) {
            dev.pairlab.store.ProjectFixture.importFile(p, trl(dir.resolve("train.jsonl"), longerWins(24, 7)),
                    dev.pairlab.pairs.ImportOptions.defaults());
            dev.pairlab.store.ProjectFixture.importFile(p, trl(dir.resolve("test.jsonl"), test),
                    dev.pairlab.pairs.ImportOptions.defaults().withSplit(dev.pairlab.pairs.Split.TEST));
            Cancellation cancel = new Cancellation();
            List<String> messages = new ArrayList<>();
            Trainer.Listener stopAt3 = new Trainer.Listener() {
                @Override
                public void onEvent(Trainer.Event e) {
                    if (e.step() == 3) {
                        cancel.cancel();
                    }
                }

                @Override
                public void onMessage(String m) {
                    messages.add(m);
                }
            };
            RewardTraining.Outcome first = RewardTraining.train(p, c, stopAt3, dev.pairlab.task.ProgressListener.NONE, cancel);
            assertEquals(dev.pairlab.store.TrainingRuns.State.CANCELLED, first.run().state());
            assertEquals(3, first.result().steps());
            assertTrue(messages.stream().anyMatch(m -> m.contains("learned length term")), String.join("\n", messages));
            assertEquals("learned", RewardConfig.fromJson(dev.pairlab.pairs.Json.MAPPER.readTree(first.run().config())).lengthTerm().key());
            List<Long> steps = new ArrayList<>();
            RewardTraining.Outcome resumed = RewardTraining.resume(p, first.run().id(), e -> steps.add(e.step()),
                    dev.pairlab.task.ProgressListener.NONE, Cancellation.none());
            assertEquals(dev.pairlab.store.TrainingRuns.State.DONE, resumed.run().state());
            assertEquals(4L, steps.get(0), "resumed after step 3");
            assertEquals(12, resumed.result().steps());
            assertEquals("learned", dev.pairlab.pairs.Json.MAPPER.readTree(resumed.run().metrics()).path("length_term").asText());
            try (RewardNet net = RewardTraining.load(resumed.run().dir(), "cpu")) {
                assertTrue(net.hasLengthTerm());
                assertTrue(net.toString().endsWith("with a learned length term"), net.toString());
                double[] q = Trainer.scorePairs(net, test, 8);
                double[] total = Trainer.scoreWithLengthTerm(net, test, 8);
                assertFalse(Arrays.equals(q, total), "g learned something, and scoring leaves it out");
                assertEquals(resumed.result().eval().accuracy(), Trainer.evaluate(net, test, 8).accuracy(), 1e-9,
                        "the reported accuracy is q's");
            }
        }
    }

    @Test
    void theQualityHeadOfTheFeatureModelDoesNotSeeTheAnswersSize() throws Exception {
        try (FeatureRewardNet plain = new FeatureRewardNet(plain(), Device.cpu());
             FeatureRewardNet controlled = new FeatureRewardNet(controlled(), Device.cpu())) {
            assertTrue(plain.qualityFeatures().containsAll(FeatureRewardNet.SIZE_FEATURES));
            assertFalse(plain.hasLengthTerm());
            for (String f : FeatureRewardNet.SIZE_FEATURES) {
                assertFalse(controlled.qualityFeatures().contains(f), f + " is withheld from q");
            }
            assertEquals(plain.qualityFeatures().size() - 3, controlled.qualityFeatures().size(), "only the size measures are withheld");
            assertTrue(controlled.hasLengthTerm());
            assertTrue(controlled.parameters().containsKey(LengthTerm.PARAM));
        }
    }

    @Test
    void theLengthTermInterpolatesBetweenKnotsOfLogLength() {
        String a = "x".repeat((int) Math.round(Math.expm1(1.25)));  // ℓ ≈ 1.25: halfway between knots 2 and 3
        float[] b = LengthTerm.basis(List.of(a, ""));
        double x = LengthTerm.logLength(a) / LengthTerm.SPACING;
        int k = (int) Math.floor(x);
        assertEquals(1 - (x - k), b[k], 1e-6);
        assertEquals(x - k, b[k + 1], 1e-6);
        assertEquals(1.0, b[LengthTerm.KNOTS], 0.0, "the empty answer sits on knot 0");
        float[] huge = LengthTerm.basis(List.of("x".repeat(400_000)));
        assertEquals(1.0, huge[LengthTerm.KNOTS - 1], 0.0, "beyond the last knot g is constant");
    }

    @Test
    void theConfigRecordsTheLengthTermAndOldRunsReadAsNone() throws Exception {
        RewardConfig c = controlled();
        RewardConfig back = RewardConfig.fromJson(c.toJson());
        assertEquals(c, back);
        assertEquals("learned", back.lengthTerm().key());
        assertEquals(RewardConfig.DEFAULT_DECORRELATION, back.lengthDecorrelation(), 0.0);
        com.fasterxml.jackson.databind.node.ObjectNode old = plain().toJson();
        old.remove("lengthTerm");
        old.remove("lengthDecorrelation");
        RewardConfig fromOld = RewardConfig.fromJson(old);
        assertEquals("none", fromOld.lengthTerm().key());
        assertFalse(fromOld.lengthControlled());
        assertEquals(plain(), fromOld);
    }
}
