package dev.pairlab.ui.lfeditor;

import dev.pairlab.lf.CompileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** A RichTextFX code area with Java highlighting, where compile errors are underlined at their line and column. */
final class JavaCodeArea extends CodeArea {

    private static final String[] KEYWORDS = {"abstract", "boolean", "break", "byte", "case", "catch", "char", "class", "continue",
        "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "if", "implements", "import",
        "instanceof", "int", "interface", "long", "new", "null", "private", "protected", "public", "return", "short", "static",
        "switch", "this", "throw", "throws", "true", "false", "try", "var", "void", "while", "String"};
    private static final Pattern TOKENS = Pattern.compile("(?<KEYWORD>\\b(" + String.join("|", KEYWORDS) + ")\\b)"
            + "|(?<VOTE>\\b(A|B|ABSTAIN)\\b)|(?<STRING>\"([^\"\\\\]|\\\\.)*\")|(?<COMMENT>//[^\\n]*|/\\*(.|\\R)*?\\*/)|(?<NUMBER>\\b\\d+(\\.\\d+)?\\b)");

    private List<CompileException.Problem> problems = List.of();

    JavaCodeArea() {
        setParagraphGraphicFactory(LineNumberFactory.get(this));
        getStyleClass().add("java-code");
        textProperty().addListener((o, a, b) -> restyle());
    }

    void showProblems(List<CompileException.Problem> list) {
        problems = list;
        restyle();
    }

    private void restyle() {
        String text = getText();
        StyleSpans<Collection<String>> spans = highlight(text);
        if (!problems.isEmpty()) {
            StyleSpansBuilder<Collection<String>> errors = new StyleSpansBuilder<>();
            int last = 0;
            List<int[]> ranges = new ArrayList<>();
            for (CompileException.Problem p : problems) {
                int start = offset(text, (int) p.line(), (int) p.column());
                int lineStart = offset(text, (int) p.line(), 1);
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end;
                if (end <= start) {
                    // javac points just past the line ("';' expected"): underline the line's last word instead.
                    end = start;
                    while (end > lineStart && Character.isWhitespace(text.charAt(end - 1))) {
                        end--;
                    }
                    start = end;
                    while (start > lineStart && !Character.isWhitespace(text.charAt(start - 1))) {
                        start--;
                    }
                    if (start == end) {
                        continue;
                    }
                }
                ranges.add(new int[] {start, end});
            }
            ranges.sort((x, y) -> Integer.compare(x[0], y[0]));
            for (int[] r : ranges) {
                if (r[0] < last) {
                    continue;
                }
                errors.add(Collections.emptyList(), r[0] - last);
                errors.add(Collections.singleton("compile-error"), r[1] - r[0]);
                last = r[1];
            }
            errors.add(Collections.emptyList(), Math.max(0, text.length() - last));
            spans = spans.overlay(errors.create(), (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        if (text.length() > 0) {
            setStyleSpans(0, spans);
        }
    }

    /** Character offset of a 1-based line and column. */
    static int offset(String text, int line, int column) {
        int off = 0;
        for (int l = 1; l < line && off >= 0; l++) {
            int nl = text.indexOf('\n', off);
            if (nl < 0) {
                return text.length();
            }
            off = nl + 1;
        }
        return Math.min(text.length(), off + Math.max(0, column - 1));
    }

    static StyleSpans<Collection<String>> highlight(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String cls = m.group("KEYWORD") != null ? "keyword" : m.group("VOTE") != null ? "vote" : m.group("STRING") != null ? "string"
                    : m.group("COMMENT") != null ? "comment" : "number";
            b.add(Collections.emptyList(), m.start() - last);
            b.add(Collections.singleton(cls), m.end() - m.start());
            last = m.end();
        }
        b.add(Collections.emptyList(), text.length() - last);
        return b.create();
    }
}
