package dev.pairlab.lf;

import dev.pairlab.pairs.BadInputException;
import dev.pairlab.pairs.OutputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The label matrix as CSV, for comparison with other tools: {@code id,LF1,…,LFm,gold}, votes −1
 * (abstain), 0 (A), 1 (B), gold −1 when unknown or hidden.
 */
public final class LabelMatrixCsv {

    /** A matrix read back, with its gold column. */
    public record Read(LabelMatrix matrix, byte[] gold) {
    }

    private LabelMatrixCsv() {
    }

    public static void write(OutputFile out, LabelMatrix m, int[] rows, byte[] gold) throws IOException, BadInputException {
        out.writeText(w -> {
            w.write("id");
            for (String n : m.names()) {
                w.write(',');
                w.write(n);
            }
            w.write(",gold\n");
            for (int r : rows) {
                w.write(Long.toString(m.ids()[r]));
                for (int j = 0; j < m.m(); j++) {
                    w.write(',');
                    w.write(Byte.toString(m.get(r, j)));
                }
                w.write(',');
                w.write(Byte.toString(gold[r]));
                w.write('\n');
            }
        });
    }

    public static Read read(Path file) throws IOException, BadInputException {
        List<long[]> idsAndGold = new ArrayList<>();
        List<byte[]> rows = new ArrayList<>();
        List<String> names;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new BadInputException(file + ": file is empty");
            }
            String[] h = header.strip().split(",", -1);
            if (h.length < 3 || !h[0].equals("id") || !h[h.length - 1].equals("gold")) {
                throw new BadInputException(file + ":1: expected a header 'id,LF1,...,LFm,gold', got '" + header + "'");
            }
            names = Arrays.asList(h).subList(1, h.length - 1);
            String line;
            long lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",", -1);
                if (f.length != h.length) {
                    throw new BadInputException(file + ":" + lineNo + ": expected " + h.length + " columns, found " + f.length);
                }
                byte[] votes = new byte[names.size()];
                long id;
                byte gold;
                try {
                    id = Long.parseLong(f[0].trim());
                    gold = vote(f[f.length - 1]);
                    for (int j = 0; j < votes.length; j++) {
                        votes[j] = vote(f[j + 1]);
                    }
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + ":" + lineNo + ": votes and gold must be -1, 0 or 1 and ids whole numbers ("
                            + e.getMessage() + ")");
                }
                idsAndGold.add(new long[] {id, gold});
                rows.add(votes);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        }
        int n = rows.size();
        long[] ids = new long[n];
        byte[] gold = new byte[n];
        byte[][] cols = new byte[names.size()][n];
        for (int i = 0; i < n; i++) {
            ids[i] = idsAndGold.get(i)[0];
            gold[i] = (byte) idsAndGold.get(i)[1];
            for (int j = 0; j < names.size(); j++) {
                cols[j][i] = rows.get(i)[j];
            }
        }
        return new Read(new LabelMatrix(ids, names, cols), gold);
    }

    private static byte vote(String s) {
        int v = Integer.parseInt(s.trim());
        if (v < -1 || v > 1) {
            throw new NumberFormatException("'" + s + "' is not -1, 0 or 1");
        }
        return (byte) v;
    }
}
