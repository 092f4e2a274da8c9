package dev.pairlab.features;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The installed features, in the order of {@code META-INF/services/dev.pairlab.features.Feature}. */
public final class Features {

    private static final List<Feature> ALL = ServiceLoader.load(Feature.class, Features.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private Features() {
    }

    public static List<Feature> all() {
        return ALL;
    }

    public static Feature byName(String name) {
        for (Feature f : ALL) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + name + "' (known: " + names() + ")");
    }

    public static String names() {
        return ALL.stream().map(Feature::name).collect(Collectors.joining(", "));
    }
}
