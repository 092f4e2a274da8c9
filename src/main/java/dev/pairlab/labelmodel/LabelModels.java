package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The label model types by name. */
public final class LabelModels {

    public static final List<String> TYPES = List.of(MajorityVote.TYPE, SnorkelStyleModel.TYPE, DawidSkene.TYPE, DawidSkene.TYPE_SEMI,
            GoldPriorModel.TYPE);

    private LabelModels() {
    }

    public static LabelModel create(String type) {
        return switch (type) {
            case MajorityVote.TYPE -> new MajorityVote();
            case SnorkelStyleModel.TYPE -> new SnorkelStyleModel();
            case DawidSkene.TYPE -> new DawidSkene();
            case DawidSkene.TYPE_SEMI -> DawidSkene.semiSupervised();
            case GoldPriorModel.TYPE -> new GoldPriorModel();
            default -> throw new IllegalArgumentException("unknown label model '" + type + "' (types: " + String.join(", ", TYPES) + ")");
        };
    }

    public static LabelModel fromJson(ObjectNode o) {
        LabelModel inner = switch (o.path("type").asText()) {
            case MajorityVote.TYPE -> MajorityVote.fromJson(o);
            case SnorkelStyleModel.TYPE -> SnorkelStyleModel.fromJson(o);
            case DawidSkene.TYPE, DawidSkene.TYPE_SEMI -> DawidSkene.fromJson(o);
            case GoldPriorModel.TYPE -> GoldPriorModel.fromJson(o);
            default -> throw new IllegalArgumentException("unknown label model '" + o.path("type").asText() + "'");
        };
        return AdjustedLfsModel.wrap(inner, o);
    }

    /** True for the models that read the labeled split's gold while fitting. */
    public static boolean usesGold(String type) {
        return create(type).usesGold();
    }
}
