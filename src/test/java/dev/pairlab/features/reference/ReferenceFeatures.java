package dev.pairlab.features.reference;

import java.util.List;

/** The frozen features, in the production order ({@code META-INF/services/dev.pairlab.features.Feature}). */
public final class ReferenceFeatures {

    private static final List<Feature> ALL = List.of(new LengthFeature(), new WordCountFeature(), new SentenceCountFeature(),
            new ReadingEaseFeature(), new LexicalDiversityFeature(), new VaderFeature(), new NumbersFeature(),
            new ListItemsFeature(), new CodeBlocksFeature(), new QuestionMarksFeature(), new UrlsFeature());

    private ReferenceFeatures() {
    }

    public static List<String> names() {
        return ALL.stream().map(Feature::name).toList();
    }

    /** Every feature of one answer, as the production cache stores it (a float). */
    public static float[] compute(String answer) {
        Text t = new Text(answer);
        float[] out = new float[ALL.size()];
        for (int f = 0; f < ALL.size(); f++) {
            out[f] = (float) ALL.get(f).compute(t);
        }
        return out;
    }
}
