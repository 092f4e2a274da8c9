package dev.pairlab.ui.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The experiment's results.md cut into what the screen shows: headings, paragraphs and tables (the
 * pipe tables the report writes), so tables appear as tables rather than as raw Markdown.
 */
public final class MarkdownBlocks {

    /** A heading, a paragraph, or a table. */
    public sealed interface Block permits Heading, Paragraph, Table {
    }

    public record Heading(String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private MarkdownBlocks() {
    }

    public static List<Block> parse(String markdown) {
        List<Block> out = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        StringBuilder para = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.startsWith("|")) {
                flush(para, out);
                List<String> header = cells(line);
                List<List<String>> rows = new ArrayList<>();
                i++;
                if (i < lines.size() && lines.get(i).strip().matches("\\|?\\s*:?-+.*")) {
                    i++; // the |---|---| line
                }
                while (i < lines.size() && lines.get(i).strip().startsWith("|")) {
                    rows.add(cells(lines.get(i).strip()));
                    i++;
                }
                out.add(new Table(header, rows));
                continue;
            }
            if (line.startsWith("#")) {
                flush(para, out);
                out.add(new Heading(line.replaceFirst("^#+\\s*", "")));
            } else if (line.isEmpty()) {
                flush(para, out);
            } else {
                para.append(para.length() == 0 ? "" : " ").append(line);
            }
            i++;
        }
        flush(para, out);
        return out;
    }

    private static void flush(StringBuilder para, List<Block> out) {
        if (para.length() > 0) {
            out.add(new Paragraph(para.toString().replace("*", "")));
            para.setLength(0);
        }
    }

    private static List<String> cells(String line) {
        String s = line.strip();
        if (s.startsWith("|")) {
            s = s.substring(1);
        }
        if (s.endsWith("|")) {
            s = s.substring(0, s.length() - 1);
        }
        return Arrays.stream(s.split("\\|", -1)).map(String::strip).toList();
    }
}
