package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.features.FeatureCache;
import dev.pairlab.features.FeatureTable;
import dev.pairlab.pairs.Gold;
import dev.pairlab.pairs.Pair;
import dev.pairlab.task.Cancellation;
import dev.pairlab.task.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CodeLfTest {

    static List<Pair> pairs(int n) {
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Pair(i + 1, "q" + i, "a".repeat(i % 7 + 1), "b".repeat(i % 5 + 1) + (i % 11 == 0 ? " sorry" : ""),
                    Gold.NONE, null, "t", i + 1, "{}"));
        }
        return out;
    }

    static LfApplier.Applied apply(List<Pair> pairs, NamedLf... lfs) throws Exception {
        FeatureTable ft = FeatureCache.compute(pairs.stream().mapToLong(Pair::id).toArray(),
                pairs.stream().map(Pair::answerA).toList(), pairs.stream().map(Pair::answerB).toList());
        return LfApplier.apply(ft, List.of(lfs), null, LfApplier.inMemory(pairs), ProgressListener.NONE, Cancellation.none());
    }

    @Test
    void aCodeLfVotesLikeTheEquivalentFeatureRule() throws Exception {
        List<Pair> pairs = pairs(3000);
        NamedLf code = NamedLf.unsaved("code", new CodeRule("""
                double d = p.delta("length");
                if (d == 0) return ABSTAIN;
                return d > 0 ? B : A;
                """));
        NamedLf rule = NamedLf.unsaved("rule", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 0, null));
        LfApplier.Applied a = apply(pairs, code, rule);
        assertTrue(a.problems().isEmpty(), a.problems().toString());
        assertArrayEquals(a.matrix().column(1), a.matrix().column(0));
        NamedLf text = NamedLf.unsaved("sorry", new CodeRule("return p.b().contains(\"sorry\") ? A : ABSTAIN;"));
        byte[] col = apply(pairs, text).matrix().column(0);
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(i % 11 == 0 ? Votes.A : Votes.ABSTAIN, col[i]);
        }
    }

    @Test
    void syntaxErrorsComeBackWithTheirLineAndColumn() {
        CompileException e = assertThrows(CompileException.class, () -> CodeCompiler.compile("""
                double d = p.delta("length");
                if (d > 0) return B
                return A;
                """));
        CompileException.Problem first = e.problems().get(0);
        assertEquals(2, first.line());
        assertEquals(20, first.column(), first.toString());
        assertTrue(first.message().contains("';' expected"), first.message());
        CompileException unknown = assertThrows(CompileException.class, () -> CodeCompiler.compile("return p.nope();"));
        assertEquals(1, unknown.problems().get(0).line());
        assertTrue(unknown.problems().get(0).message().contains("cannot find symbol"), unknown.getMessage());
        CompileException exit = assertThrows(CompileException.class, () -> CodeCompiler.compile("int x = 1;\nSystem.exit(1);\nreturn A;"));
        assertEquals(2, exit.problems().get(0).line());
        assertTrue(exit.getMessage().contains("System.exit"), exit.getMessage());
    }

    @Test
    void anLfThatThrowsAbstainsOnThosePairsAndIsReportedWithThePairId() throws Exception {
        List<Pair> pairs = pairs(500);
        NamedLf lf = NamedLf.unsaved("fragile", new CodeRule("""
                if (p.id() % 100 == 7) {
                    throw new IllegalStateException("bad pair");
                }
                return A;
                """));
        LfApplier.Applied a = apply(pairs, lf);
        assertEquals(1, a.problems().size());
        LfProblem problem = a.problems().get(0);
        assertEquals(7, problem.pairId());
        assertTrue(problem.message().contains("threw on 5 pair(s)"), problem.message());
        assertTrue(problem.message().contains("IllegalStateException: bad pair (line 2)"), problem.message());
        byte[] col = a.matrix().column(0);
        assertEquals(Votes.ABSTAIN, col[6]);
        assertEquals(Votes.A, col[7]);
        assertEquals(495, countVotes(col));
    }

    @Test
    void anLfThatLoopsForeverIsStoppedAndTheCallerReturns() throws Exception {
        List<Pair> pairs = pairs(2000);
        NamedLf loop = NamedLf.unsaved("loop", new CodeRule("""
                if (p.id() == 1500) {
                    while (true) { }
                }
                return B;
                """));
        NamedLf ok = NamedLf.unsaved("ok", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 0, null));
        long start = System.nanoTime();
        LfApplier.Applied a = apply(pairs, loop, ok);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertEquals(1, a.problems().size());
        assertTrue(a.problems().get(0).message().contains("ran longer than its budget"), a.problems().get(0).message());
        assertEquals(0, countVotes(a.matrix().column(0)), "a stopped LF's votes are all abstain");
        assertTrue(countVotes(a.matrix().column(1)) > 1000, "other LFs are unaffected");
        // The worker process was killed, not asked: nothing of it is left running.
        assertEquals(0, sandboxWorkers(), "no worker process is left");
    }

    @Test
    void anLfThatAllocatesWithoutBoundIsStoppedBeforeTheHeapRunsOut() throws Exception {
        List<Pair> pairs = pairs(1500);
        NamedLf hog = NamedLf.unsaved("hog", new CodeRule("""
                List<long[]> keep = new ArrayList<>();
                while (true) {
                    keep.add(new long[1 << 20]);
                }
                """));
        NamedLf ok = NamedLf.unsaved("ok", new FeatureRule("length", FeatureRule.Prefer.HIGHER, 0, null));
        // A small cap, so that the worker reaches it long before the time budget even on a busy machine.
        System.setProperty("pairlab.codeLf.heapMb", "64");
        LfApplier.Applied a;
        try {
            a = apply(pairs, hog, ok);
        } finally {
            System.clearProperty("pairlab.codeLf.heapMb");
        }
        assertEquals(1, a.problems().size());
        assertTrue(a.problems().get(0).message().contains("ran out of memory (its worker process may use 64 MB)"), a.problems().get(0).message());
        assertEquals(0, countVotes(a.matrix().column(0)));
        assertTrue(countVotes(a.matrix().column(1)) > 1000, "the app and the other LFs carry on");
        byte[] survives = new byte[64 << 20]; // the heap is usable again
        assertEquals(0, survives[survives.length - 1]);
    }

    @Test
    void theAllowListRefusesWhatCompilesToFilesProcessesReflectionOrExitWithTheUsersLine() {
        // Each spelling the old text deny-list missed compiles to a refused reference in the bytecode.
        String[] bodies = {
            "int x = 1;\n\\u0053ystem.exit(1);\nreturn A;",
            "int x = 1;\nSystem/**/.exit(1);\nreturn A;",
            "int x = 1;\nObject r = Class.forName(\"java.lang.Run\" + \"time\");\nreturn A;",
            "int x = 1;\nnew ProcessBuilder(\"id\").start();\nreturn A;",
            "int x = 1;\nProcessHandle.current().destroyForcibly();\nreturn A;",
            "int x = 1;\njava.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));\nreturn A;",
            "int x = 1;\nnew Thread(() -> { }).start();\nreturn A;",
            "int x = 1;\nString home = System.getenv(\"HOME\");\nreturn A;",
            "int x = 1;\nRunnable r = System::gc;\nreturn A;",
        };
        for (String body : bodies) {
            CompileException e = assertThrows(CompileException.class, () -> CodeCompiler.compile(body), body);
            assertEquals(2, e.problems().get(0).line(), body + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("is not allowed in a labeling function"), e.getMessage());
        }
        // Code after a closing brace (a static initialiser smuggled into the class) is checked too.
        CompileException injected = assertThrows(CompileException.class, () -> CodeCompiler.compile(
                "return A; } static { System.exit(2); } void x() {"));
        assertTrue(injected.getMessage().contains("System.exit"), injected.getMessage());
        // What LFs are for still compiles: strings, regexes, collections, streams, lambdas, records, printing.
        assertDoesNotThrow(() -> CodeCompiler.compile("""
                record Score(int n) { }
                Map<String, Integer> counts = new HashMap<>();
                for (String w : p.a().toLowerCase(Locale.ROOT).split("\\\\s+")) counts.merge(w, 1, Integer::sum);
                long lists = Pattern.compile("^\\\\d+\\\\.", Pattern.MULTILINE).matcher(p.b()).results().count();
                List<Score> s = List.of(new Score((int) lists), new Score(counts.size()));
                System.out.println("scores " + s);
                assert lists >= 0;
                return s.stream().mapToInt(Score::n).sum() > 3 ? B : ABSTAIN;
                """));
    }

    @Test
    void whatAnLfPrintsIsItsDiagnosticNotPairlabsOutput() throws Exception {
        java.io.PrintStream before = System.out;
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(seen, true));
        LfApplier.Applied a;
        try {
            a = apply(pairs(300), NamedLf.unsaved("chatty", new CodeRule("""
                    if (p.id() == 5) System.out.println("hello from the LF");
                    if (p.id() == 6) System.err.println("and its stderr");
                    return A;
                    """)));
        } finally {
            System.setOut(before);
        }
        assertEquals("", seen.toString());
        assertEquals(300, countVotes(a.matrix().column(0)), "printing does not cost votes");
        assertEquals(1, a.problems().size(), a.problems().toString());
        LfProblem printed = a.problems().get(0);
        assertEquals(LfProblem.Kind.OUTPUT, printed.kind());
        assertTrue(printed.message().contains("hello from the LF") && printed.message().contains("and its stderr"), printed.message());
    }

    @Test
    void aRunawayLfThatIgnoresBeingStoppedHasItsWorkerKilledWithinASecondOfItsBudget() throws Exception {
        List<Pair> pairs = pairs(2000); // budget: the 2 s minimum
        NamedLf stubborn = NamedLf.unsaved("stubborn", new CodeRule("""
                long spins = 0;
                while (true) {
                    try {
                        while (true) { spins++; }
                    } catch (Throwable t) {
                        spins--;
                    }
                }
                """));
        long[] workerPid = {0};
        Thread watcher = new Thread(() -> {
            while (workerPid[0] == 0 && !Thread.currentThread().isInterrupted()) {
                ProcessHandle.current().descendants()
                        .filter(h -> h.info().arguments().map(x -> String.join(" ", x).contains(SandboxWorker.class.getName())).orElse(false))
                        .findFirst().ifPresent(h -> workerPid[0] = h.pid());
                Thread.onSpinWait();
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        long start = System.nanoTime();
        LfApplier.Applied a = apply(pairs, stubborn);
        double seconds = (System.nanoTime() - start) / 1e9;
        watcher.interrupt();
        assertTrue(a.problems().get(0).message().contains("ran longer than its budget (2.0 s) and its worker process was killed"),
                a.problems().get(0).message());
        assertTrue(workerPid[0] > 0, "the LF ran in a worker process");
        assertTrue(ProcessHandle.of(workerPid[0]).map(ProcessHandle::isAlive).orElse(false) == false, "the worker is gone when apply returns");
        // 2 s of budget, the worker JVM's start (not counted in the budget) and at most 1 s to kill it.
        assertTrue(seconds < 2 + 4 + 1, "took " + seconds + " s");
        assertEquals(0, sandboxWorkers());
    }

    /** Worker processes of code LFs still alive under this JVM. */
    static long sandboxWorkers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(SandboxWorker.class.getName())).orElse(false))
                .count();
    }

    static long countVotes(byte[] col) {
        long n = 0;
        for (byte b : col) {
            if (b != Votes.ABSTAIN) {
                n++;
            }
        }
        return n;
    }

    @Test
    void idsLineUp() throws Exception {
        List<Pair> pairs = pairs(10);
        assertArrayEquals(LongStream.rangeClosed(1, 10).toArray(), apply(pairs, NamedLf.unsaved("x",
                new FeatureRule("length", FeatureRule.Prefer.LOWER, 0, null))).matrix().ids());
    }
}
