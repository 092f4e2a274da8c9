package dev.pairlab.ui.jobs;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The running jobs, one row each: title, its own progress and message, and its own Cancel. Shown
 * from the status bar; it only binds to the {@link JobManager}'s list.
 */
public final class JobsView extends VBox {

    private final JobManager jobs;

    public JobsView(JobManager jobs) {
        super(4);
        this.jobs = jobs;
        setId("jobs");
        getStyleClass().add("jobs");
        setPadding(new Insets(4, 8, 4, 8));
        jobs.jobs().addListener((ListChangeListener<Job>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        if (jobs.jobs().isEmpty()) {
            getChildren().add(new Label("No job is running."));
            return;
        }
        for (Job j : jobs.jobs()) {
            getChildren().add(row(j));
        }
    }

    private static HBox row(Job j) {
        Label title = new Label(j.title());
        title.getStyleClass().add("job-title");
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("job-progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(j.progressProperty());
        // Only known progress is drawn: an indeterminate bar animates every frame (see the status bar).
        bar.visibleProperty().bind(j.progressProperty().greaterThanOrEqualTo(0));
        Label message = new Label();
        message.getStyleClass().add("job-message");
        message.textProperty().bind(j.messageProperty());
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("job-cancel");
        cancel.setFocusTraversable(false);
        cancel.disableProperty().bind(j.cancelRequestedProperty());
        cancel.setOnAction(e -> j.cancel());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, title, spacer, message, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("job-row");
        row.setUserData(j);
        return row;
    }
}
