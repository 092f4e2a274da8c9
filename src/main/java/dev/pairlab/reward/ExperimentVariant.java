package dev.pairlab.reward;

import dev.pairlab.labelmodel.DawidSkene;
import dev.pairlab.labelmodel.GoldPriorModel;
import dev.pairlab.labelmodel.SnorkelStyleModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One training set of the experiment, named as the user writes it: a base ({@code gold}: the labeled
 * pairs alone; {@code gold+weak}: plus the pool's hard weak labels; {@code soft}: plus its probabilities;
 * {@code filtered}: plus the weak labels at or above the confidence threshold), then modifiers after
 * colons: {@code semi} (label model dawid-skene-semi) or {@code gold-prior} (snorkel-gold) instead of the
 * paper's Snorkel model, {@code balanced} (the weak part subsampled so that its share of "the chosen
 * answer is the longer one" matches the labeled pairs'), {@code lenctl} (a length-controlled reward
 * model). E.g. {@code gold+weak:semi:balanced:lenctl}.
 */
public record ExperimentVariant(String name, String base, String labelModel, boolean balanced, boolean lengthControl) {

    public static final List<String> BASES = List.of("gold", "gold+weak", "soft", "filtered");
    public static final List<String> MODIFIERS = List.of("semi", "gold-prior", "balanced", "lenctl");

    /** The variant a name stands for, or an error naming what is wrong with it. */
    public static ExperimentVariant parse(String name) {
        String[] parts = name.strip().split(":");
        String base = parts[0];
        if (!BASES.contains(base)) {
            throw new IllegalArgumentException("unknown variant '" + name + "': it starts with " + String.join(", ", BASES)
                    + ", then optional :" + String.join(", :", MODIFIERS));
        }
        Set<String> mods = new LinkedHashSet<>();
        for (int i = 1; i < parts.length; i++) {
            if (!MODIFIERS.contains(parts[i]) || !mods.add(parts[i])) {
                throw new IllegalArgumentException("variant '" + name + "': '" + parts[i] + "' is not one of "
                        + String.join(", ", MODIFIERS) + " (each at most once)");
            }
        }
        if (mods.contains("semi") && mods.contains("gold-prior")) {
            throw new IllegalArgumentException("variant '" + name + "': semi and gold-prior are two label models; pick one");
        }
        if (base.equals("gold") && (mods.contains("semi") || mods.contains("gold-prior") || mods.contains("balanced"))) {
            throw new IllegalArgumentException("variant '" + name + "': the gold variant has no weak labels, so only :lenctl applies");
        }
        String lm = mods.contains("semi") ? DawidSkene.TYPE_SEMI : mods.contains("gold-prior") ? GoldPriorModel.TYPE : SnorkelStyleModel.TYPE;
        return new ExperimentVariant(name.strip(), base, lm, mods.contains("balanced"), mods.contains("lenctl"));
    }

    public boolean weak() {
        return !base.equals("gold");
    }
}
