package dev.pairlab.labelmodel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.Json;
import dev.pairlab.store.ModelRecord;
import dev.pairlab.store.ModelRuns;
import dev.pairlab.store.Project;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import dev.pairlab.task.Workflow;
import java.util.ArrayList;
import java.util.List;

/** The project's fitted label-model runs with the numbers each was evaluated to: {@code model list}. */
public final class RunList {

    private RunList() {
    }

    /**
     * One stored run.
     *
     * @param model    the label model's evaluation as stored with the run (accuracy, interval, calibration, …)
     * @param accuracy the label model's accuracy there, NaN when it was not evaluated
     * @param evalOn   the split it was evaluated on, empty when none
     */
    public record Run(ModelRecord record, JsonNode model, double accuracy, String evalOn) {
    }

    /** Every run, oldest first. */
    public record Job(Project project) implements Workflow<List<Run>> {

        @Override
        public List<Run> run(ProgressListener progress, Cancellation cancel) throws Exception {
            List<Run> out = new ArrayList<>();
            for (ModelRecord r : ModelRuns.list(project)) {
                JsonNode m = Json.MAPPER.readTree(r.metrics());
                out.add(new Run(r, m.path("model"), m.path("model").path("accuracy").asDouble(Double.NaN), m.path("eval_on").asText()));
            }
            return out;
        }

        @Override
        public String title() {
            return "Listing label-model runs";
        }
    }
}
