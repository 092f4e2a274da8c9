package dev.pairlab.lf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What text a {@code java.util.regex} pattern cannot match without: its necessary literals. A
 * pattern rule scans an answer once for all of its patterns' literals (one Aho–Corasick pass, see
 * {@link LiteralAutomaton}) and runs a regex only where they occur; a pattern that is a single literal
 * between zero-width assertions (a keyword, a quoted phrase with word boundaries) is checked only at
 * the positions where its literal occurs.
 *
 * <p>The analysis must never claim more than the regex needs, or votes would change; so it reads a
 * conservative subset of the syntax and gives up (no literals: the regex always runs) on anything
 * else: back-references, octal escapes, {@code \G}, comments mode, unusual character classes. Any
 * construct it does not read as a literal only weakens what it claims (a literal run is cut, a group
 * becomes opaque), which is always safe. Literals are compared under the per-character case fold of
 * {@link LiteralAutomaton#FOLD}, which every case-sensitive and every case-insensitive match of the
 * literal satisfies, so the flags of the rule and inline flags ({@code (?i)}, {@code (?dU)}) need no
 * special handling; {@code (?x)} does (it changes what a space means) and is given up on.
 */
final class RegexLiterals {

    /**
     * {@code conditions}: each is a set of literals of which at least one occurs in every text the
     * pattern matches (all conditions hold together). {@code keyword}: when not null, every match of the
     * pattern consumes exactly this literal (the rest is zero-width), so its matches start where the
     * literal occurs. {@code starts}: when not null, every match starts with one of these literals.
     */
    record Analysis(List<List<String>> conditions, String keyword, List<String> starts) {
        static final Analysis NONE = new Analysis(List.of(), null, null);
    }

    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    /** What a parsed (sub)sequence needs. */
    private static final class Seq {
        final List<List<String>> conds = new ArrayList<>();
        final StringBuilder keyword = new StringBuilder();
        boolean keywordForm = true;
        /** Every match starts with one of these literals; null when not known. */
        List<String> starts;
    }

    private final String s;
    private int pos;

    private RegexLiterals(String s) {
        this.s = s;
    }

    /** The necessary literals of the exact string given to {@code Pattern.compile} (never with the COMMENTS or LITERAL flag). */
    static Analysis analyze(String regex) {
        try {
            RegexLiterals p = new RegexLiterals(regex);
            List<Seq> alts = p.alternation();
            if (p.pos != regex.length()) {
                return Analysis.NONE;
            }
            if (alts.size() == 1) {
                Seq only = alts.get(0);
                String keyword = only.keywordForm && only.keyword.length() > 0 ? only.keyword.toString() : null;
                return new Analysis(List.copyOf(only.conds), keyword, only.starts);
            }
            List<String> union = union(alts);
            return new Analysis(union == null ? List.of() : List.of(union), null, starts(alts));
        } catch (GiveUp | IndexOutOfBoundsException e) {
            return Analysis.NONE;
        }
    }

    /** One necessary condition of each alternative, joined: whichever alternative matched, one of them occurs. */
    private static List<String> union(List<Seq> alts) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Seq a : alts) {
            List<String> best = null;
            int bestLen = -1;
            for (List<String> c : a.conds) {
                int shortest = c.stream().mapToInt(String::length).min().orElse(0);
                if (shortest > bestLen) {
                    best = c;
                    bestLen = shortest;
                }
            }
            if (best == null) {
                return null;
            }
            out.addAll(best);
        }
        return List.copyOf(out);
    }

    private List<Seq> alternation() {
        List<Seq> alts = new ArrayList<>();
        alts.add(sequence());
        while (pos < s.length() && s.charAt(pos) == '|') {
            pos++;
            alts.add(sequence());
        }
        return alts;
    }

    /** The start set of alternatives: every match of one of them starts with one of these literals; null when unknown. */
    private static List<String> starts(List<Seq> alts) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Seq a : alts) {
            if (a.starts == null) {
                return null;
            }
            out.addAll(a.starts);
        }
        return List.copyOf(out);
    }

    private Seq sequence() {
        Seq seq = new Seq();
        StringBuilder run = new StringBuilder();
        // Before the first consuming atom; then whether the match's first characters are the current run.
        boolean first = true;
        boolean startsWithRun = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == 'Q') {
                int end = s.indexOf("\\E", pos + 2);
                String quoted = end < 0 ? s.substring(pos + 2) : s.substring(pos + 2, end);
                pos = end < 0 ? s.length() : end + 2;
                requireNoSurrogates(quoted);
                if (quoted.isEmpty()) {
                    if (quantifier() >= 0) {
                        throw new GiveUp();
                    }
                    continue;
                }
                int min = quantifier();
                if (min < 0) {
                    startsWithRun |= first;
                    first = false;
                    run.append(quoted);
                    seq.keyword.append(quoted);
                } else {
                    // The quantifier binds the last quoted character only.
                    startsWithRun |= first && quoted.length() > 1;
                    first = false;
                    run.append(quoted, 0, quoted.length() - 1);
                    startsWithRun = flush(run, seq, startsWithRun);
                    seq.keywordForm = false;
                }
                continue;
            }
            Atom atom = atom();
            int min = quantifier();
            switch (atom.kind) {
                case LITERAL -> {
                    if (min < 0) {
                        startsWithRun |= first;
                        first = false;
                        run.append(atom.literal);
                        seq.keyword.append(atom.literal);
                    } else {
                        first = false;
                        startsWithRun = flush(run, seq, startsWithRun);
                        seq.keywordForm = false;
                    }
                }
                case ZERO_WIDTH -> {
                    startsWithRun = flush(run, seq, startsWithRun);
                    if (min >= 0) {
                        seq.keywordForm = false;
                    }
                }
                case OPAQUE -> {
                    first = false;
                    startsWithRun = flush(run, seq, startsWithRun);
                    seq.keywordForm = false;
                }
                case CHAR_SET -> {
                    startsWithRun = flush(run, seq, startsWithRun);
                    seq.keywordForm = false;
                    if (min != 0) {
                        seq.conds.add(atom.chars);
                        if (first) {
                            seq.starts = atom.chars;
                        }
                    }
                    first = false;
                }
                case GROUP -> {
                    startsWithRun = flush(run, seq, startsWithRun);
                    if (min == 0) {
                        seq.keywordForm = false;
                    } else {
                        if (first) {
                            seq.starts = starts(atom.group);
                        }
                        if (atom.group.size() == 1) {
                            Seq inner = atom.group.get(0);
                            seq.conds.addAll(inner.conds);
                            if (min < 0 && inner.keywordForm) {
                                seq.keyword.append(inner.keyword);
                            } else {
                                seq.keywordForm = false;
                            }
                        } else {
                            seq.keywordForm = false;
                            List<String> union = union(atom.group);
                            if (union != null) {
                                seq.conds.add(union);
                            }
                        }
                    }
                    // A group that may match nothing leaves the start open; one that consumes nothing (only zero-width
                    // atoms) too, so only a group with a start set closes it.
                    if (min != 0 && seq.starts != null) {
                        first = false;
                    } else if (first) {
                        first = false;
                        seq.starts = null;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        flush(run, seq, startsWithRun);
        return seq;
    }

    /** Ends the current literal run, a condition when it is longer than one character (a single one rules out little). */
    private static boolean flush(StringBuilder run, Seq seq, boolean startsWithRun) {
        if (run.length() > 0) {
            if (startsWithRun) {
                seq.starts = List.of(run.toString());
            }
            if (run.length() > 1) {
                seq.conds.add(List.of(run.toString()));
            }
            run.setLength(0);
        }
        return false;
    }

    private enum Kind { LITERAL, ZERO_WIDTH, OPAQUE, CHAR_SET, GROUP }

    private record Atom(Kind kind, char literal, List<String> chars, List<Seq> group) {
        static final Atom ZERO = new Atom(Kind.ZERO_WIDTH, '\0', null, null);
        static final Atom OPAQUE_ATOM = new Atom(Kind.OPAQUE, '\0', null, null);

        static Atom literal(char c) {
            if (Character.isSurrogate(c)) {
                throw new GiveUp();
            }
            return new Atom(Kind.LITERAL, c, null, null);
        }
    }

    private Atom atom() {
        char c = s.charAt(pos);
        switch (c) {
            case '\\':
                return escape();
            case '[':
                return charClass();
            case '(':
                return group();
            case '.':
                pos++;
                return Atom.OPAQUE_ATOM;
            case '^':
            case '$':
                pos++;
                return Atom.ZERO;
            case '*':
            case '+':
            case '?':
            case '{':
            case '}':
            case ']':
                throw new GiveUp();
            default:
                pos++;
                return Atom.literal(c);
        }
    }

    private Atom escape() {
        char d = s.charAt(pos + 1);
        pos += 2;
        switch (d) {
            case 'b':
            case 'B':
                if (pos < s.length() && s.charAt(pos) == '{') {
                    throw new GiveUp();
                }
                return Atom.ZERO;
            case 'A':
            case 'Z':
            case 'z':
                return Atom.ZERO;
            case 'w': case 'W': case 'd': case 'D': case 's': case 'S': case 'h': case 'H': case 'v': case 'V': case 'R': case 'X':
            case 't': case 'n': case 'r': case 'f': case 'a': case 'e':
                return Atom.OPAQUE_ATOM;
            case 'p':
            case 'P':
                if (s.charAt(pos) == '{') {
                    skipPast('}');
                } else {
                    pos++;
                }
                return Atom.OPAQUE_ATOM;
            case 'x':
                if (s.charAt(pos) == '{') {
                    skipPast('}');
                } else {
                    pos += 2;
                }
                return Atom.OPAQUE_ATOM;
            case 'u':
                pos += 4;
                return Atom.OPAQUE_ATOM;
            case 'c':
                pos++;
                return Atom.OPAQUE_ATOM;
            default:
                if (Character.isLetterOrDigit(d)) {
                    // Back-references, octal escapes, \G, \k<name>, \N{...} and anything newer: not read.
                    throw new GiveUp();
                }
                return Atom.literal(d);
        }
    }

    private void skipPast(char close) {
        int end = s.indexOf(close, pos);
        if (end < 0) {
            throw new GiveUp();
        }
        pos = end + 1;
    }

    /** A class of plain characters ({@code [?!]}) is a set of one-character literals; any other class is opaque. */
    private Atom charClass() {
        int start = pos;
        pos++;
        if (s.charAt(pos) == ']' || (s.charAt(pos) == '^' && s.charAt(pos + 1) == ']')) {
            throw new GiveUp();
        }
        boolean simple = s.charAt(pos) != '^';
        LinkedHashSet<String> chars = new LinkedHashSet<>();
        while (true) {
            char c = s.charAt(pos);
            if (c == '\\') {
                char d = s.charAt(pos + 1);
                if (d == 'Q') {
                    throw new GiveUp();
                }
                if (Character.isLetterOrDigit(d) || Character.isSurrogate(d)) {
                    simple = false;
                } else {
                    chars.add(String.valueOf(d));
                }
                pos += 2;
                continue;
            }
            if (c == '[') {
                // Nested classes and intersections: where a nested class ends is not worth getting wrong.
                throw new GiveUp();
            } else if (c == ']') {
                pos++;
                break;
            } else if (c == '&' || c == '-' || c == '^' || Character.isSurrogate(c)) {
                simple = false;
            } else {
                chars.add(String.valueOf(c));
            }
            pos++;
        }
        if (pos - start > 2 && simple && !chars.isEmpty()) {
            return new Atom(Kind.CHAR_SET, '\0', List.copyOf(chars), null);
        }
        return Atom.OPAQUE_ATOM;
    }

    private Atom group() {
        pos++;
        boolean lookaround = false;
        boolean opaque = false;
        if (s.charAt(pos) == '?') {
            pos++;
            char k = s.charAt(pos);
            if (k == ':') {
                pos++;
            } else if (k == '=' || k == '!') {
                pos++;
                lookaround = true;
            } else if (k == '<' && (s.charAt(pos + 1) == '=' || s.charAt(pos + 1) == '!')) {
                pos += 2;
                lookaround = true;
            } else if (k == '<') {
                skipPast('>');
            } else if (k == '>') {
                pos++;
                opaque = true;
            } else {
                // Inline flags, (?idmsuU-...) or (?flags:...): they change case and line rules, which the fold
                // and the opaque '.', '^' and '$' already allow for; comments mode changes the syntax.
                while (s.charAt(pos) != ')' && s.charAt(pos) != ':') {
                    if ("idmsuU-".indexOf(s.charAt(pos)) < 0) {
                        throw new GiveUp();
                    }
                    pos++;
                }
                if (s.charAt(pos) == ')') {
                    pos++;
                    return Atom.ZERO;
                }
                pos++;
            }
        }
        List<Seq> inner = alternation();
        if (pos >= s.length() || s.charAt(pos) != ')') {
            throw new GiveUp();
        }
        pos++;
        if (lookaround) {
            return Atom.ZERO;
        }
        return opaque ? Atom.OPAQUE_ATOM : new Atom(Kind.GROUP, '\0', null, inner);
    }

    /** The quantifier after an atom: its minimum count, or -1 when there is none. */
    private int quantifier() {
        if (pos >= s.length()) {
            return -1;
        }
        char c = s.charAt(pos);
        int min;
        if (c == '?' || c == '*') {
            min = 0;
            pos++;
        } else if (c == '+') {
            min = 1;
            pos++;
        } else if (c == '{') {
            int end = s.indexOf('}', pos);
            if (end < 0) {
                throw new GiveUp();
            }
            String body = s.substring(pos + 1, end);
            String first = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
            if (first.isEmpty() || !first.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw new GiveUp();
            }
            min = first.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(first);
            pos = end + 1;
        } else {
            return -1;
        }
        if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
            pos++;
        }
        return min;
    }

    private static void requireNoSurrogates(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            if (Character.isSurrogate(literal.charAt(i))) {
                throw new GiveUp();
            }
        }
    }
}
