package dev.pairlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rm train's checks happen before a run is made, and say which option is wrong (issue 21's drift fixes). */
class RmJobsCliTest {

    @TempDir
    Path dir;

    @Test
    void aBadKindOrDeviceMakesNoRunAndTheProblemNamesItsOption() throws Exception {
        String p = dir.resolve("m.pairlab").toString();
        assertEquals(0, CliTest.run("new", p).code());
        assertEquals(0, CliTest.run("import", p, TestData.mtBenchEval().toString(), "-q").code());
        // Both used to make a run: an unknown kind trained a text-feature model, an unknown device a run that never ran.
        CliTest.Run kind = CliTest.run("rm", "train", p, "--kind", "bogus", "--epochs", "1", "-q");
        assertEquals(1, kind.code());
        assertEquals("pairlab: the reward model kind must be features, transformer or frozen, not 'bogus'", kind.err().strip());
        CliTest.Run device = CliTest.run("rm", "train", p, "--device", "tpu", "--epochs", "1", "-q");
        assertEquals(1, device.code());
        assertEquals("pairlab: --device: the device must be auto, cpu or gpu, not 'tpu'", device.err().strip());
        CliTest.Run both = CliTest.run("rm", "train", p, "--data", "soft", "--threshold", "2", "--epochs", "0", "-q");
        assertEquals(1, both.code());
        assertEquals("pairlab: --threshold: the weak labels' confidence threshold must be between 0 and 1, got 2.0\n"
                + "pairlab: --epochs: the number of epochs must be at least 1 (got 0)", both.err().strip());
        assertEquals("No training runs yet.", noRuns(p));
        assertTrue(!Files.exists(dir.resolve("m.runs")), "no run folder");
    }

    private static String noRuns(String p) {
        CliTest.Run list = CliTest.run("rm", "list", p, "--json");
        return list.out().contains("\"runs\":[]") ? "No training runs yet." : list.out();
    }
}
