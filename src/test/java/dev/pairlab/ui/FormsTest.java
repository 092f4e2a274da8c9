package dev.pairlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pairlab.labelmodel.FitOptions;
import dev.pairlab.labelmodel.FitParams;
import dev.pairlab.labelmodel.ModelEvaluation;
import dev.pairlab.labelmodel.WeakExport;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records' descriptions are the screens' tooltips too: shown there, they read as plain words. */
class FormsTest {

    @Test
    void aDescriptionOnTheScreenNamesNoFlagAndNoPicocliSyntax() throws Exception {
        assertEquals("Snorkel-style model: adam (the paper's) or sgd (Snorkel's own default, momentum 0.9; with 'l2' 0 it reproduces"
                + " LabelModel().fit() on the same matrix) (default adam).", Forms.plain(FitOptions.DESC_OPTIMIZER, FitOptions.DEFAULT_OPTIMIZER));
        List<String> all = new ArrayList<>();
        for (Class<?> c : List.of(FitOptions.class, FitParams.class, WeakExport.Params.class, ModelEvaluation.Params.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("DESC_")) {
                    all.add(Forms.plain((String) f.get(null), "D"));
                }
            }
        }
        assertFalse(all.size() < 20, all.toString());
        for (String d : all) {
            assertFalse(d.contains("--") || d.contains("${") || d.contains("%n") || d.contains("%%"), d);
        }
    }
}
