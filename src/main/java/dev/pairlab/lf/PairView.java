package dev.pairlab.lf;

import dev.pairlab.features.FeatureTable;
import dev.pairlab.lf.api.LfPair;
import dev.pairlab.pairs.Pair;

/** A pair as code LFs see it: its texts and its row of the feature table. */
final class PairView implements LfPair {

    private final Pair pair;
    private final FeatureTable features;
    private final int row;

    PairView(Pair pair, FeatureTable features, int row) {
        this.pair = pair;
        this.features = features;
        this.row = row;
    }

    @Override
    public String context() {
        return pair.context();
    }

    @Override
    public String a() {
        return pair.answerA();
    }

    @Override
    public String b() {
        return pair.answerB();
    }

    @Override
    public double featureA(String feature) {
        return features.a(feature)[row];
    }

    @Override
    public double featureB(String feature) {
        return features.b(feature)[row];
    }

    @Override
    public long id() {
        return pair.id();
    }
}
