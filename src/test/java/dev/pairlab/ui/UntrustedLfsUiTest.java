package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.lf.CodeRule;
import dev.pairlab.lf.Votes;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.store.Lfs;
import dev.pairlab.store.Project;
import dev.pairlab.store.ProjectFixture;
import dev.pairlab.ui.trust.UntrustedLfsBanner;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A project from someone else opened in the app: its code LF waits behind a banner until trusted. */
@ExtendWith(ApplicationExtension.class)
class UntrustedLfsUiTest extends WindowTest {

    @Start
    void start(Stage stage) {
        showWindow(stage);
    }

    @TempDir
    Path dir;

    private final String storeBefore = System.getProperty("pairlab.trustStore");

    @AfterEach
    void restoreTrustStore() {
        System.setProperty("pairlab.trustStore", storeBefore);
    }

    @Test
    void theBannerShowsTheCodeAndTrustingItRunsTheLf(FxRobot robot) throws Exception {
        System.setProperty("pairlab.trustStore", dir.resolve("other-user/trusted-code").toString());
        Path file = dir.resolve("theirs.pairlab");
        try (Project p = Project.create(file)) {
            ProjectFixture.importFile(p, TestData.mtBenchTrain(), ImportOptions.defaults());
            Lfs.save(p, "longer_b", CodeRule.KIND, new CodeRule("return p.delta(\"length\") > 0 ? B : ABSTAIN;\n").toJson().toString());
        }
        robot.interact(() -> window.open(file));
        WorkbenchTest.waitUntil("labels are computed", () -> ws.labeled().get() != null && ws.labeled().get().matrix().m() == 1);
        UntrustedLfsBanner banner = robot.lookup("#untrusted-banner").queryAs(UntrustedLfsBanner.class);
        WorkbenchTest.waitUntil("the banner shows", banner::isVisible);
        assertEquals(0, votes(ws.labeled().get().matrix().column(0)), "the untrusted LF abstained everywhere");
        Button trust = robot.lookup("#untrusted-trust").queryAs(Button.class);
        assertTrue(trust.isDisable(), "trust comes after the code was shown");
        robot.clickOn("#untrusted-show");
        TextArea code = robot.lookup(".code-view").queryAs(TextArea.class);
        assertTrue(code.isVisible() && code.getText().contains("// longer_b") && code.getText().contains("? B : ABSTAIN"), code.getText());
        robot.clickOn("#untrusted-trust");
        WorkbenchTest.waitUntil("the LF runs once trusted",
                () -> ws.labeled().get() != null && votes(ws.labeled().get().matrix().column(0)) > 300);
        WorkbenchTest.waitUntil("the banner goes", () -> !banner.isVisible());
        assertTrue(Files.readString(dir.resolve("other-user/trusted-code")).contains(" longer_b"));
    }

    private static long votes(byte[] column) {
        long n = 0;
        for (byte b : column) {
            n += b == Votes.ABSTAIN ? 0 : 1;
        }
        return n;
    }
}
