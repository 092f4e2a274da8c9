package dev.pairlab.ui.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    @Test
    void theReportsTablesBecomeTablesAndItsTextParagraphs() {
        String md = """
                # Experiment: ub.jsonl, LF preset ubp

                Test split: a seeded 10 % of the dataset (97 pairs per seed);
                3 seed(s). *accuracy* is the share.

                ## Reward models on the test split

                | labeled | training set | accuracy |
                |---|---|---|
                | 0.01 | 'longer wins' | 0.490 [0.39, 0.59] |
                | 0.01 | gold | 0.551 [0.47, 0.63] |
                """;
        List<MarkdownBlocks.Block> b = MarkdownBlocks.parse(md);
        assertEquals(4, b.size(), b.toString());
        assertEquals("Experiment: ub.jsonl, LF preset ubp", ((MarkdownBlocks.Heading) b.get(0)).text());
        assertEquals("Test split: a seeded 10 % of the dataset (97 pairs per seed); 3 seed(s). accuracy is the share.",
                ((MarkdownBlocks.Paragraph) b.get(1)).text());
        MarkdownBlocks.Table t = assertInstanceOf(MarkdownBlocks.Table.class, b.get(3));
        assertEquals(List.of("labeled", "training set", "accuracy"), t.header());
        assertEquals(2, t.rows().size());
        assertEquals(List.of("0.01", "gold", "0.551 [0.47, 0.63]"), t.rows().get(1));
    }
}
