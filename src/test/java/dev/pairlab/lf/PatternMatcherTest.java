package dev.pairlab.lf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pairlab.TestData;
import dev.pairlab.pairs.Formats;
import dev.pairlab.pairs.ImportOptions;
import dev.pairlab.pairs.PairReader;
import dev.pairlab.pairs.ParsedRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The compiled pattern matcher (literal pre-scan, Aho–Corasick, keyword checks at candidate
 * positions) scores every answer exactly as the plain {@code java.util.regex} definition
 * ({@link PatternRule#plain()}) does: on every answer of the shared data sets for every pattern LF of
 * the presets (cleaned and exact) and the UB regex set of ../shared/tools/perf_side_by_side.sh, and on
 * strings made to hit the edge cases.
 */
class PatternMatcherTest {

    /** The UB regex set exactly as ../shared/tools/perf_side_by_side.sh adds it (case-sensitive, no Python flags). */
    static PatternRule sideBySideRegex() {
        return new PatternRule(List.of("According to.*", "(?:overview|summary) of", "\\b(?:pros and cons|advantages and disadvantages)\\b",
                "(?:(?:for example|such as) \\b\\w+\\b)", "(.)\\1{3,}"),
                List.of("(understand|comprehend|grasp)\\b.*\\b(your|the) (question|point|concern)", "\\b(?:I guess|maybe|perhaps)\\b.*",
                        "\\b(?:best|most effective) (?:practice|approach)\\b", "\\b(?:not sure|unclear) (?:about|regarding)\\b",
                        "(?:I'm not sure|I don't know) (?:about|if)", "\\b(how|what|why|where|when|who)\\b.{0,95}[\\?\\!]",
                        "(?:it could be|it's possible that) \\b\\w+\\b"),
                true, true, false, PatternRule.Count.PRESENCE);
    }

    /** Every distinct pattern LF of the presets, cleaned and exact, and the side-by-side regex set. */
    static Map<String, PatternRule> allPatternLfs() {
        Map<String, PatternRule> out = new LinkedHashMap<>();
        for (String preset : Presets.NAMES) {
            for (boolean exact : new boolean[] {false, true}) {
                Presets.get(preset, exact).forEach((name, d) -> {
                    if (d instanceof PatternRule p && !out.containsValue(p)) {
                        out.put(preset + (exact ? " --exact " : " ") + name, p);
                    }
                });
            }
        }
        out.put("perf_side_by_side regex", sideBySideRegex());
        return out;
    }

    static List<String> answers(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (PairReader r = Formats.detect(file).open(file, ImportOptions.defaults())) {
            ParsedRecord rec;
            while ((rec = r.next()) != null) {
                if (rec.isOk()) {
                    out.add(rec.pair().answerA());
                    out.add(rec.pair().answerB());
                }
            }
        }
        return out;
    }

    /**
     * SHA-256 of each LF's score column (one big-endian int per answer, in the order {@link #sharedAnswers()}
     * reads them) under the plain definition. Computed with {@code -Dpairlab.plainPatterns=true}, which runs
     * the plain definition on every answer (about two minutes on two busy cores: the exact HH keyword list
     * is 246 regexes, each a lookbehind at every position), asserts that the compiled matcher agrees with it
     * answer by answer, and prints these lines.
     */
    private static final Map<String, String> PLAIN_SCORES = Map.ofEntries(
            Map.entry("hh regex", "0ad7fe4c5f16572ce1949b9cde8e6cbfe3a9cd730f839e53130d5e8dc457bba3"),
            Map.entry("hh keyword_offensive", "ce5c7a757557599d613d9fc1bf56b3fa12219b971e27318a6ba234a05014a71a"),
            Map.entry("hh keyword_harmful", "8d421fb1f14ebe057f06fb710d05ca841c542e13432f511ef4358c0776dddea8"),
            Map.entry("hh keyword_bad", "9b4767a02fb58f974bb4d401a8e25f807911446774e26cf465073ac3ad54e006"),
            Map.entry("hh --exact regex", "7e5b19704d85969011de04e97b99599180f2d86848effb4552bb42ba71e7ca83"),
            Map.entry("hh --exact keyword_offensive", "77959c9f17727f1b1435c7561100bc9534fa64fa4156f11a09fbd9a695263113"),
            Map.entry("hh --exact keyword_harmful", "4a5583abca9fe04126fb182f0063412fa78d8ed440bd4611e2d2ce854490208b"),
            Map.entry("hh --exact keyword_bad", "fa0c6b183d50b2e22eb7a52b636a22b41190733272a7c066716ce2df54bfd01b"),
            Map.entry("ub regex", "28ca0433b37b08eeb2f56f284666122d85576db79a1d8668ca3f6cf7fe359012"),
            Map.entry("ub --exact regex", "a0cd01b8ceed7061913c591d83aea59042131b640b4ae942e7e698a6950f7207"),
            Map.entry("ubp regex", "166cadf4a219a20ed4bda2c445b8f8cdb3ddb13550a86753b441468c234103ab"),
            Map.entry("ubp --exact regex", "7543269d74036163edb71192a90d16efee39bdd3d78244a9c4d18730cc387e98"),
            Map.entry("perf_side_by_side regex", "a0cd01b8ceed7061913c591d83aea59042131b640b4ae942e7e698a6950f7207"));

    static List<String> sharedAnswers() throws Exception {
        List<String> texts = new ArrayList<>();
        for (Path f : List.of(TestData.hh1(), TestData.ub2(), TestData.mtBenchTrain(), TestData.mtBenchEval())) {
            texts.addAll(answers(f));
        }
        return texts;
    }

    @Test
    void sameScoresAsPlainRegexOnEveryAnswerOfTheSharedData() throws Exception {
        List<String> texts = sharedAnswers();
        assertEquals(7400, texts.size());
        boolean full = Boolean.getBoolean("pairlab.plainPatterns");
        Map<String, PatternRule> rules = allPatternLfs();
        assertEquals(13, rules.size(), rules.keySet().toString());
        StringBuilder hashes = new StringBuilder();
        for (Map.Entry<String, PatternRule> e : rules.entrySet()) {
            PatternRule.Compiled fast = e.getValue().compile();
            PatternRule.Plain plain = e.getValue().plain();
            int[] scores = IntStream.range(0, texts.size()).parallel().map(i -> fast.score(texts.get(i))).toArray();
            // Every answer when asked; else every 64th, so that a change in the plain definition itself shows too.
            int step = full ? 1 : 64;
            int[] mismatch = IntStream.range(0, texts.size()).parallel().filter(i -> i % step == 0)
                    .filter(i -> plain.score(texts.get(i)) != scores[i]).toArray();
            assertEquals(0, mismatch.length, () -> e.getKey() + ": first differing answer #" + mismatch[0] + ": plain "
                    + plain.score(texts.get(mismatch[0])) + ", compiled " + scores[mismatch[0]]);
            String hash = sha256(scores);
            hashes.append("            Map.entry(\"").append(e.getKey()).append("\", \"").append(hash).append("\"),\n");
            if (!full) {
                assertEquals(PLAIN_SCORES.get(e.getKey()), hash, e.getKey() + ": scores differ from the plain definition's");
            }
            // The comparison means something only where the LF fires.
            long fires = IntStream.of(scores).filter(x -> x != 0).count();
            assertTrue(fires > 20, e.getKey() + " fires on " + fires + " answers");
        }
        if (full) {
            System.out.print(hashes);
        }
    }

    private static String sha256(int[] scores) throws Exception {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(scores.length * 4);
        for (int x : scores) {
            buf.putInt(x);
        }
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(buf.array()));
    }

    @Test
    void sameScoresOnEdgeCases() throws Exception {
        Map<String, PatternRule> rules = new LinkedHashMap<>(allPatternLfs());
        rules.put("overlapping keyword", new PatternRule(List.of("a-a", "aa"), List.of("ß", "k", "i"), false, false, true,
                PatternRule.Count.OCCURRENCES));
        rules.put("overlapping regex keyword", new PatternRule(List.of("aa", "(?<!x)ab(?!x)", "^start", "end$", "(?i)CaSe"), List.of(),
                true, true, false, PatternRule.Count.OCCURRENCES));
        rules.put("case-insensitive phrases", new PatternRule(List.of("kelvin k", "straße", "İstanbul", "σ"), List.of("\\Qa.b\\E", "x\\.y"),
                false, false, false, PatternRule.Count.OCCURRENCES));
        rules.put("regex shapes", new PatternRule(List.of("ab?c", "a(bc)*d", "(x|)yz", "[?!]q", "(?:foo|bar)+baz", "\\bno\\b|\\bnein\\b",
                "(?<name>ab)c", "(?>ab)c", "\\x41B", "\\u0041C", "\\p{Lu}D", "[a-c]E"), List.of("(?s)p.q", "(?m)^r$"),
                true, false, false, PatternRule.Count.PRESENCE));
        rules.put("runs, case-sensitive", new PatternRule(List.of("(.)\\1{3,}", "(?dU)(.)\\1{2,5}"), List.of("(.)\\1{1,}"), true, true, false,
                PatternRule.Count.PRESENCE));
        rules.put("runs counted, case-sensitive", new PatternRule(List.of("(.)\\1{3,}", "(.)\\1{2,}"), List.of("(.)\\1{1,3}"), true, true,
                false, PatternRule.Count.OCCURRENCES));
        rules.put("runs, case-insensitive", new PatternRule(List.of("(.)\\1{3,}"), List.of("(?:who|what)\\b.{0,5}[?!]", "(?:x)?what"), true, false,
                false, PatternRule.Count.PRESENCE));
        List<String> texts = new ArrayList<>(List.of("", "a-a-a", "aAaA", "ſsSſ", "KK\u212Ak", "\uD801\uDC00\uD801\uDC00\uD801\uDC00\uD801\uDC00",
                "\uD801\uDC00\uD801\uDC28\uD801\uDC00\uD801\uDC28", "aa\nbb", "Whatwhat? what!", "aaa aa aa", "A-A a-A", "Kelvin \u212A KELVIN K", "STRASSE straße STRAẞE",
                "istanbul İstanbul ıstanbul", "ΣΑΣ σας ς", "a.b axb x.y", "according to him", "According to 3 sources",
                "kill kill. Kill\nkill", "ass class pass ass", "f u c k", "shut up! SHUT UP", "abab xabx ab", "start\nend",
                "case CASE cAsE", "ac abc abbc", "ad abcd abcbcd", "yz xyz", "?q !q q", "foobarbaz baz", "no nein", "abc", "ABC AC",
                "xD", "ÄD", "aE bE", "p\nq", "x\nr\ny", "\uD801\uDC00 \uD801\uDC28 ab\uD801\uDC00", "I'm not sure about it", "What? Why!",
                "Sooooo", "the the", "\n\n\n\n", "\r\r\r\r x", "\u2028\u2028\u2028\u2028", "\u2029\u2029\u2029\u2029",
                "\u0085\u0085\u0085\u0085", "aaaaabbbb cccccccc", "aaaa\naaaa", "aaaaaaa", "\uD801\uDC00aaaa", "maybe", "I guess so", "You’re welcome", "it’s possible that x"));
        Random random = new Random(22);
        String alphabet = "aAbBkK\u212Aßſs -.!?\nİiıIσΣςxy_1\u0663\u2028\r";
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(30);
            for (int j = 0; j < len; j++) {
                if (random.nextInt(5) == 0) {
                    List<String> words = List.of("kill", "hate", "a-a", "according to", "maybe", "best practice", "what", "ab", "end",
                            "start", "straße", "kelvin k", "hell", "gun");
                    sb.append(words.get(random.nextInt(words.size())));
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            texts.add(sb.toString());
        }
        for (Map.Entry<String, PatternRule> e : rules.entrySet()) {
            PatternRule.Compiled fast = e.getValue().compile();
            PatternRule.Plain plain = e.getValue().plain();
            for (String t : texts) {
                assertEquals(outcome(plain::score, t), outcome(fast::score, t), e.getKey() + " on \"" + t + "\"");
            }
        }
    }

    /**
     * The score, or the exception: java.util.regex (JDK 17) throws StringIndexOutOfBoundsException from a
     * case-insensitive back-reference that meets a supplementary character near the end of the text
     * ({@code (.)\\1{3,}} on four Deseret letters 𐐀, or on 𐐀𐐨𐐀𐐨), in the plain definition too; the compiled matcher
     * must not hide that or differ.
     */
    private static Object outcome(java.util.function.ToIntFunction<String> score, String text) {
        try {
            return score.applyAsInt(text);
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    @Test
    void aTextTheJdksRegexCannotMatchIsScoredNotThrown() throws Exception {
        // Before the fix both matchers threw StringIndexOutOfBoundsException here, failing the whole LF application.
        PatternRule repeats = new PatternRule(List.of("(.)\\1{3,}"), List.of(), true, false, false, PatternRule.Count.PRESENCE);
        String deseret = "\uD801\uDC00\uD801\uDC00\uD801\uDC00\uD801\uDC00";
        assertEquals(1, repeats.compile().score(deseret), "four equal characters (each replaced by U+FFFD on the retry)");
        assertEquals(1, repeats.plain().score(deseret));
        assertEquals(0, repeats.compile().score("abc \uD801\uDC00"), "an ordinary text with a supplementary character is scored as it is");
    }

    @Test
    void compiledOncePerDefinition() throws Exception {
        PatternRule rule = sideBySideRegex();
        assertSame(rule.compile(), sideBySideRegex().compile(), "an equal definition (the same LF version) reuses the compiled rule");
    }

    @Test
    void literalAnalysis() {
        assertEquals(new RegexLiterals.Analysis(List.of(List.of("According to")), null, List.of("According to")),
                RegexLiterals.analyze("According to.*"));
        assertEquals(List.of("overview", "summary"), RegexLiterals.analyze("(?:overview|summary) of").starts());
        assertEquals(List.of("how", "what", "why", "where", "when", "who"),
                RegexLiterals.analyze("(?dU)\\b(how|what|why|where|when|who)\\b.{0,95}[\\?\\!]").starts());
        assertNull(RegexLiterals.analyze("(?:x)?abc").starts(), "an optional first group leaves the start open");
        assertNull(RegexLiterals.analyze("a*bc").starts());
        assertEquals(List.of(List.of("overview", "summary"), List.of(" of")), RegexLiterals.analyze("(?:overview|summary) of").conditions());
        assertEquals(List.of(List.of("how", "what", "why", "where", "when", "who"), List.of("?", "!")),
                RegexLiterals.analyze("(?dU)\\b(how|what|why|where|when|who)\\b.{0,95}[\\?\\!]").conditions());
        assertEquals(List.of(List.of("m not sure", "t know")), RegexLiterals.analyze("\\b(I[’']m not sure|I don[’']t know)( about| if)?\\b")
                .conditions());
        assertEquals("kill", RegexLiterals.analyze("(?<![^ ])\\Qkill\\E(?![^ ])").keyword());
        assertEquals("shut up", RegexLiterals.analyze("(?<![\\p{L}\\p{N}_])(?:\\Qshut up\\E)(?![\\p{L}\\p{N}_])").keyword());
        // A quantifier takes the last character out of a run (one character alone is no condition); an optional
        // group, or a back-reference, needs nothing.
        assertEquals(List.of(List.of("ab")), RegexLiterals.analyze("abc?d").conditions());
        assertEquals(List.of("ab"), RegexLiterals.analyze("abc?d").starts());
        assertEquals(List.of(), RegexLiterals.analyze("(abc)?").conditions());
        assertEquals(RegexLiterals.Analysis.NONE, RegexLiterals.analyze("(.)\\1{3,}"));
        assertEquals(RegexLiterals.Analysis.NONE, RegexLiterals.analyze("(?x) a b"));
        assertEquals(RegexLiterals.Analysis.NONE, RegexLiterals.analyze("x|"));
        assertNull(RegexLiterals.analyze("a+").keyword());
    }

    @Test
    void theAutomatonReportsOverlappingLiteralsByEndPosition() {
        LiteralAutomaton ac = new LiteralAutomaton(List.of("he", "she", "his", "hers", "σας"));
        List<String> hits = new ArrayList<>();
        ac.scan("ushers", (id, end) -> hits.add(id + "@" + end));
        assertEquals(List.of("1@4", "0@4", "3@6"), hits, "she and he end at 4, hers at 6 (Aho and Corasick's example)");
        hits.clear();
        ac.scan("ΣΑΣ ΣΑΣ", (id, end) -> hits.add(id + "@" + end));
        assertEquals(List.of("4@3", "4@7"), hits, "non-ASCII literals under the case fold (ς and Σ fold to σ)");
    }

    @Test
    void theFoldIsIdempotentAndCoversRegexCaseInsensitivity() {
        for (int c = 0; c < 65536; c++) {
            char f = LiteralAutomaton.FOLD[c];
            assertEquals(f, LiteralAutomaton.FOLD[f], "fold of U+" + Integer.toHexString(c));
        }
        assertEquals('k', LiteralAutomaton.FOLD['\u212A'], "the Kelvin sign matches k case-insensitively");
    }

    @Test
    void aLongTextWalkedAsTwoHalvesGivesEveryOccurrenceOnceInOrderOfEnd() {
        Random random = new Random(16);
        String alphabet = "abcab ΣσςK\u212Ak";
        // A keyword list over thousands of distinct characters (CJK) is too big for the dense table: the sparse form.
        StringBuilder cjk = new StringBuilder();
        for (char c = '\u4E00'; c < '\u4E00' + 3000; c++) {
            cjk.append(c);
        }
        for (int round = 0; round < 320; round++) {
            boolean big = round >= 300;
            String chars = big ? cjk + "ab " : alphabet;
            List<String> literals = new ArrayList<>();
            int count = big ? 3000 : 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                StringBuilder lit = new StringBuilder();
                int len = 1 + random.nextInt(big ? 3 : round % 3 == 0 ? 40 : 4);
                for (int j = 0; j < len; j++) {
                    lit.append(chars.charAt(random.nextInt(chars.length())));
                }
                literals.add(lit.toString());
            }
            StringBuilder text = new StringBuilder();
            int len = random.nextInt(400);
            for (int j = 0; j < len; j++) {
                text.append(random.nextInt(8) == 0 ? literals.get(random.nextInt(count)) : String.valueOf(chars.charAt(random.nextInt(chars.length()))));
            }
            String t = text.toString();
            LiteralAutomaton ac = new LiteralAutomaton(literals);
            assertEquals(!big, ac.dense(), "the dense table for small automata, the sparse form for big ones");
            List<int[]> hits = new ArrayList<>();
            ac.scan(t.toCharArray(), t.length(), (id, end) -> hits.add(new int[] {end, id}));
            for (int h = 1; h < hits.size(); h++) {
                assertTrue(hits.get(h - 1)[0] <= hits.get(h)[0], "reported in order of end position");
            }
            // Every occurrence under the fold, found by comparing at every position.
            List<String> expected = new ArrayList<>();
            for (int end = 1; end <= t.length(); end++) {
                for (int id = 0; id < count; id++) {
                    String lit = literals.get(id);
                    int start = end - lit.length();
                    boolean same = start >= 0;
                    for (int i = 0; same && i < lit.length(); i++) {
                        same = LiteralAutomaton.FOLD[t.charAt(start + i)] == LiteralAutomaton.FOLD[lit.charAt(i)];
                    }
                    if (same) {
                        expected.add(end + ":" + id);
                    }
                }
            }
            List<String> found = hits.stream().sorted(java.util.Comparator.<int[]>comparingInt(h -> h[0]).thenComparingInt(h -> h[1]))
                    .map(h -> h[0] + ":" + h[1]).toList();
            assertEquals(expected, found, "literals " + literals + " in \"" + t + "\"");
        }
    }
}
