package dev.pairlab.features.reference;

/** Characters (Unicode code points, as Python's len() counts them). */
public final class LengthFeature implements Feature {
    @Override public String name() { return "length"; }
    @Override public String description() { return "length of the answer"; }
    @Override public String unit() { return "characters"; }
    @Override public double compute(Text t) {
        return t.text().codePointCount(0, t.text().length());
    }
}
