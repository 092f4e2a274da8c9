package dev.pairlab.features.reference;

/** Question marks ('?' and the full-width '？'). */
public final class QuestionMarksFeature implements Feature {
    @Override public String name() { return "question_marks"; }
    @Override public String description() { return "count of question marks"; }
    @Override public String unit() { return "count"; }
    @Override public double compute(Text t) {
        String s = t.text();
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' || c == '？') {
                n++;
            }
        }
        return n;
    }
}
