package dev.pairlab.generate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.Json;
import dev.pairlab.pairs.Pair;
import dev.pairlab.pairs.Split;
import dev.pairlab.store.Pairs;
import dev.pairlab.store.Project;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prompts to generate answers for: from a text file (one a line), JSON lines ("prompt",
 * "instruction", "question" or "text", else the first string field), CSV (a "prompt" column, else
 * the first), or the contexts of a project's pairs; trimmed, de-duplicated, shuffled with a seed.
 */
public final class PromptPool {

    private PromptPool() {
    }

    public static List<String> fromFile(Path file) throws IOException, BadInputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BadInputException(file + ": not UTF-8 text");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(lines.get(i));
                } catch (IOException e) {
                    throw new BadInputException(file + ":" + (i + 1) + ": malformed JSON");
                }
                String p = promptOf(n);
                if (p == null) {
                    throw new BadInputException(file + ":" + (i + 1) + ": no prompt field (prompt, instruction, question, text)");
                }
                out.add(p);
            }
        } else if (name.endsWith(".csv")) {
            List<String> header = csvRow(lines.isEmpty() ? "" : lines.get(0));
            int col = Math.max(0, header.indexOf("prompt"));
            for (int i = 1; i < lines.size(); i++) {
                List<String> row = csvRow(lines.get(i));
                if (row.size() > col && !row.get(col).isBlank()) {
                    out.add(row.get(col));
                }
            }
        } else {
            out.addAll(lines);
        }
        return out;
    }

    private static String promptOf(JsonNode n) {
        for (String f : List.of("prompt", "instruction", "question", "text")) {
            if (n.path(f).isTextual()) {
                return n.get(f).asText();
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    /** A simple CSV row split (quotes honoured, no multi-line fields). */
    static List<String> csvRow(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    q = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                q = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** The contexts of a project's pairs (any split). */
    public static List<String> fromProject(Project project) {
        List<String> out = new ArrayList<>();
        Pairs.<RuntimeException, RuntimeException>forEach(project, java.util.EnumSet.allOf(Split.class), false, (Pair p) -> out.add(p.context()));
        return out;
    }

    /** Trimmed, without blanks and duplicates, shuffled with the seed, at most {@code limit} (0: all). */
    public static List<String> prepare(List<String> prompts, long seed, int limit) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(prompts.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = unique.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = unique.get(i);
            unique.set(i, unique.get(j));
            unique.set(j, t);
        }
        return limit > 0 && limit < unique.size() ? unique.subList(0, limit) : unique;
    }
}
