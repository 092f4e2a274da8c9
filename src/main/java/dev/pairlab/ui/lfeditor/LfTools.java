package dev.pairlab.ui.lfeditor;

import dev.pairlab.analysis.LfAgreement;
import dev.pairlab.analysis.LfVersionDiff;
import dev.pairlab.analysis.Subsets;
import dev.pairlab.lf.ProjectLabeling;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.LfRecord;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.ui.Workspace;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The LF editor's windows: the agreement heatmap and an LF's version history. */
final class LfTools {

    private LfTools() {
    }

    /**
     * The m × m agreement heatmap (agreement on the overlap; colour from red at 0.5 and below to green
     * at 1), numbers in each cell's tooltip; clicking a cell shows the pairs the two LFs vote
     * differently on in the browser.
     */
    static void showAgreement(Window owner, Workspace ws, Set<Split> splits, String splitName, Runnable showBrowser) {
        ProjectLabeling.Labeled l = ws.labeled().get();
        if (l == null) {
            return;
        }
        ws.run("Computing LF agreement", (progress, cancel) -> {
            int[] rows = Subsets.rows(l.labels(), splits);
            return new Object[] {LfAgreement.compute(l.matrix(), rows), rows};
        }, res -> {
            LfAgreement.Report r = (LfAgreement.Report) res[0];
            int[] rows = (int[]) res[1];
            List<String> names = r.names();
            GridPane grid = new GridPane();
            grid.setHgap(2);
            grid.setVgap(2);
            grid.setId("agreement-grid");
            for (int j = 0; j < names.size(); j++) {
                Label head = new Label("#" + (j + 1));
                head.setTooltip(new Tooltip(names.get(j)));
                grid.add(head, j + 1, 0);
                Label side = new Label("#" + (j + 1) + " " + names.get(j));
                grid.add(side, 0, j + 1);
            }
            for (int i = 0; i < names.size(); i++) {
                for (int j = 0; j < names.size(); j++) {
                    LfAgreement.Cell c = r.cells()[i][j];
                    Label cell = new Label(i == j || Double.isNaN(c.agreement()) ? "–" : String.format(Locale.ROOT, "%.2f", c.agreement()));
                    cell.setMinSize(52, 28);
                    cell.setAlignment(Pos.CENTER);
                    cell.setStyle("-fx-background-color: " + (i == j ? "#dddddd" : color(c.agreement())) + ";");
                    cell.setTooltip(new Tooltip(String.format(Locale.ROOT,
                            "%s × %s%nboth vote on %d pairs, agree on %s of them%nconflict rate %.3f, vote correlation %s%nclick: the pairs they disagree on",
                            names.get(i), names.get(j), c.overlap(), pct(c.agreement()), c.conflict(),
                            Double.isNaN(c.correlation()) ? "–" : String.format(Locale.ROOT, "%.2f", c.correlation()))));
                    if (i != j) {
                        int a = i;
                        int b = j;
                        cell.setOnMouseClicked(e -> {
                            long[] ids = LfAgreement.conflicting(l.matrix(), a, b, rows);
                            ws.browserFilterRequest().set(ids.length + " pairs where " + names.get(a) + " and " + names.get(b) + " disagree");
                            ws.browserIdsRequest().set(null);
                            ws.browserIdsRequest().set(ids);
                            showBrowser.run();
                        });
                    }
                    cell.setId("agreement-" + i + "-" + j);
                    grid.add(cell, j + 1, i + 1);
                }
            }
            Label intro = new Label("Agreement on the pairs both LFs vote on (" + splitName + ", " + rows.length
                    + " pairs). Hover a cell for overlap, conflict and correlation; click it for the pairs they disagree on.");
            intro.setWrapText(true);
            VBox box = new VBox(8, intro, new ScrollPane(grid));
            for (int[] d : r.nearDuplicates()) {
                Label w = new Label(String.format(Locale.ROOT, "Near-duplicates: %s and %s agree on %s of the %d pairs both vote on —"
                        + " the label model treats them as independent and counts their evidence twice.", names.get(d[0]), names.get(d[1]),
                        pct(r.cells()[d[0]][d[1]].agreement()), r.cells()[d[0]][d[1]].overlap()));
                w.getStyleClass().add("error-text");
                w.setWrapText(true);
                box.getChildren().add(w);
            }
            box.setPadding(new Insets(10));
            Stage stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("LF agreement");
            Scene scene = new Scene(box, Math.max(560, Math.min(1200, 260 + 56 * names.size())), Math.min(900, 220 + 32 * names.size()));
            if (owner != null && owner.getScene() != null) {
                scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            }
            stage.setScene(scene);
            stage.show();
        });
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** "v1 → v3 on train: coverage 0.412 → 0.233, accuracy 0.701 → 0.745; 12 fixed, 3 broken" */
    static String compareLine(LfVersionDiff d, String splitName) {
        return String.format(Locale.ROOT, "v%d → v%d on %s: coverage %.3f → %.3f, accuracy %s → %s; %s", d.from(), d.to(), splitName,
                d.stats()[0].coverage(), d.stats()[1].coverage(), LfTable.f3(d.stats()[0].accuracy()), LfTable.f3(d.stats()[1].accuracy()),
                d.diff().summary());
    }

    /** Red at ≤ 0.5 agreement, yellow at 0.75, green at 1. */
    static String color(double agreement) {
        if (Double.isNaN(agreement)) {
            return "#f4f4f4";
        }
        double t = Math.max(0, Math.min(1, (agreement - 0.5) / 0.5));
        int red = (int) Math.round(t < 0.5 ? 230 : 230 - (t - 0.5) * 2 * 120);
        int green = (int) Math.round(t < 0.5 ? 120 + t * 2 * 100 : 220);
        return String.format(Locale.ROOT, "rgb(%d,%d,120)", red, green);
    }

    /**
     * The selected LF's versions; Restore saves the chosen one as a new version, Compare shows what the current
     * version changed against the chosen one on the stats split ({@link LfVersionDiff}: an LLM judge's votes are
     * its stored answers for each version), as {@code pairlab lf diff} prints it.
     */
    static void showHistory(Window owner, Workspace ws, LfRecord lf, Set<Split> splits, String splitName, Runnable afterRestore) {
        Workspace.Opened o = ws.project().get();
        if (o == null || lf == null) {
            return;
        }
        ws.run("Reading the history of " + lf.name(), (progress, cancel) -> Lfs.history(o.reader(), lf.name()), versions -> {
            ListView<Lfs.Version> list = new ListView<>();
            list.setId("lf-history");
            list.getItems().setAll(versions);
            list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
                @Override
                protected void updateItem(Lfs.Version item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null
                            : "v" + item.version() + (item.version() == lf.version() ? " (current)" : "") + "  " + item.savedAt() + "\n" + item.definition());
                }
            });
            Button restore = new Button("Restore this version");
            restore.setId("lf-restore");
            Stage stage = new Stage();
            restore.setOnAction(e -> {
                Lfs.Version v = list.getSelectionModel().getSelectedItem();
                Project w = ws.writer();
                if (v == null || w == null) {
                    return;
                }
                ws.run("Restoring " + lf.name() + " v" + v.version(), (p, c) -> Lfs.revert(w, lf.name(), v.version()), saved -> {
                    ws.info(lf.name() + ": version " + v.version() + " restored as version " + saved.version());
                    stage.close();
                    afterRestore.run();
                });
            });
            Button compare = new Button("Compare with the current version");
            compare.setId("lf-compare");
            Label compared = new Label();
            compared.setId("lf-compare-result");
            compared.setWrapText(true);
            compare.setOnAction(e -> {
                Lfs.Version v = list.getSelectionModel().getSelectedItem();
                if (v == null || v.version() == lf.version()) {
                    compared.setText("Choose an older version to compare with the current one.");
                    return;
                }
                Project p = o.writable() ? o.writer() : o.reader();
                ws.run("Comparing " + lf.name() + " v" + v.version() + " with v" + lf.version(),
                        (progress, cancel) -> LfVersionDiff.of(p, lf.name(), v.version(), lf.version(), splits, progress, cancel),
                        d -> compared.setText(compareLine(d, splitName)));
            });
            VBox box = new VBox(8, new Label("Versions of " + lf.name() + " (restoring saves a new version; nothing is lost)"), list,
                    new HBox(8, restore, compare), compared);
            box.setPadding(new Insets(10));
            stage.initOwner(owner);
            stage.setTitle("History of " + lf.name());
            stage.setScene(new Scene(box, 720, 420));
            stage.show();
        });
    }
}
