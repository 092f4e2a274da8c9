package dev.pairlab.lf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Checks a compiled code LF's class files against an allow-list of classes and members before any of
 * it is loaded: strings, characters, numbers, math, collections, regular expressions, streams,
 * functional interfaces and the LF API. Everything else — reflection, method handles, class loading,
 * threads, files, sockets, processes, {@code System.exit}, {@code Runtime}, system properties and
 * environment — is refused with the user's line. Checking the bytecode rather than the source text
 * means unicode escapes, comments and any other spelling compile to the same refused reference
 * (decision 0013 says what this does not stop).
 */
final class BytecodeCheck {

    /** Which members of an allowed class may be used. */
    private record Rule(boolean all, Set<String> names) {
        boolean allows(String member) {
            return all ? !names.contains(member) : names.contains(member);
        }
    }

    private static final Map<String, Rule> RULES = new HashMap<>();

    private static void all(String... classes) {
        for (String c : classes) {
            RULES.put(c, new Rule(true, Set.of()));
        }
    }

    private static void allBut(String cls, String... members) {
        RULES.put(cls, new Rule(true, Set.of(members)));
    }

    private static void only(String cls, String... members) {
        RULES.put(cls, new Rule(false, Set.of(members)));
    }

    static {
        all("java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/CharSequence",
                "java/lang/Character", "java/lang/Character$UnicodeBlock", "java/lang/Character$UnicodeScript",
                "java/lang/Math", "java/lang/StrictMath", "java/lang/Number", "java/lang/Short", "java/lang/Byte", "java/lang/Double",
                "java/lang/Float", "java/lang/Comparable", "java/lang/Iterable", "java/lang/Enum", "java/lang/Record",
                "java/lang/AutoCloseable", "java/lang/Cloneable");
        // The wrappers' getInteger/getLong/getBoolean read system properties.
        allBut("java/lang/Integer", "getInteger");
        allBut("java/lang/Long", "getLong");
        allBut("java/lang/Boolean", "getBoolean");
        all("java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException", "java/lang/Error", "java/lang/AssertionError",
                "java/lang/IllegalArgumentException", "java/lang/IllegalStateException", "java/lang/NullPointerException",
                "java/lang/IndexOutOfBoundsException", "java/lang/ArrayIndexOutOfBoundsException",
                "java/lang/StringIndexOutOfBoundsException", "java/lang/ArithmeticException", "java/lang/NumberFormatException",
                "java/lang/UnsupportedOperationException", "java/lang/ClassCastException", "java/lang/NegativeArraySizeException",
                "java/lang/CloneNotSupportedException", "java/lang/NoSuchFieldError", "java/lang/StackOverflowError",
                "java/lang/ArrayStoreException");
        // What javac itself emits: assertions ask their class; nothing else of Class is reachable.
        only("java/lang/Class", "desiredAssertionStatus", "getName", "getSimpleName", "isInstance", "cast");
        // Printing is allowed: the worker captures it and shows it as the LF's diagnostics.
        only("java/lang/System", "out", "err", "currentTimeMillis", "nanoTime", "arraycopy", "identityHashCode", "lineSeparator");
        only("java/io/PrintStream", "print", "println", "printf", "format", "flush", "append");
        all("java/util/ArrayList", "java/util/LinkedList", "java/util/ArrayDeque", "java/util/HashMap", "java/util/LinkedHashMap",
                "java/util/TreeMap", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/EnumMap",
                "java/util/EnumSet", "java/util/PriorityQueue", "java/util/Arrays", "java/util/Collections", "java/util/List",
                "java/util/Map", "java/util/Map$Entry", "java/util/Set", "java/util/SortedMap", "java/util/SortedSet",
                "java/util/NavigableMap", "java/util/NavigableSet", "java/util/Collection", "java/util/Iterator",
                "java/util/ListIterator", "java/util/Deque", "java/util/Queue", "java/util/Optional", "java/util/OptionalInt",
                "java/util/OptionalLong", "java/util/OptionalDouble", "java/util/Objects", "java/util/Comparator",
                "java/util/StringJoiner", "java/util/Random", "java/util/AbstractMap$SimpleEntry",
                "java/util/AbstractMap$SimpleImmutableEntry", "java/util/BitSet", "java/util/IntSummaryStatistics",
                "java/util/LongSummaryStatistics", "java/util/DoubleSummaryStatistics", "java/util/NoSuchElementException",
                "java/util/ConcurrentModificationException", "java/util/StringTokenizer", "java/util/HexFormat",
                "java/util/PrimitiveIterator$OfInt", "java/util/PrimitiveIterator$OfLong", "java/util/PrimitiveIterator$OfDouble",
                "java/util/concurrent/ConcurrentHashMap", "java/util/concurrent/ConcurrentHashMap$KeySetView",
                "java/util/concurrent/atomic/AtomicInteger", "java/util/concurrent/atomic/AtomicLong");
        allBut("java/util/Locale", "setDefault");
        all("java/util/regex/Pattern", "java/util/regex/Matcher", "java/util/regex/MatchResult", "java/util/regex/PatternSyntaxException");
        all("java/util/stream/Stream", "java/util/stream/IntStream", "java/util/stream/LongStream", "java/util/stream/DoubleStream",
                "java/util/stream/BaseStream", "java/util/stream/Collectors", "java/util/stream/Collector",
                "java/util/stream/Stream$Builder", "java/util/stream/IntStream$Builder");
        all("java/math/BigInteger", "java/math/BigDecimal", "java/math/RoundingMode", "java/math/MathContext");
        all("java/text/Normalizer", "java/text/Normalizer$Form", "java/text/BreakIterator");
        only("java/nio/charset/StandardCharsets", "UTF_8", "US_ASCII", "ISO_8859_1", "UTF_16");
        all("dev/pairlab/lf/api/LfPair", "dev/pairlab/lf/api/Vote", "dev/pairlab/lf/api/CodeLabelingFunction");
    }

    /** Packages whose every class is allowed in full (pure functions and interfaces). */
    private static final List<String> ALL_OF_PACKAGE = List.of("java/util/function/");

    /** The bootstrap methods javac uses for lambdas, string concatenation and records. */
    private static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants", "java/lang/runtime/ObjectMethods.bootstrap");

    /** Superclasses a class of the LF may extend (besides its own classes and allowed exceptions). */
    private static final Set<String> SUPERCLASSES = Set.of("java/lang/Object", "java/lang/Record", "java/lang/Enum");

    private final Set<String> own;
    private final List<CompileException.Problem> problems = new ArrayList<>();
    private final Set<String> reported = new java.util.HashSet<>();

    private BytecodeCheck(Set<String> ownInternalNames) {
        this.own = ownInternalNames;
    }

    /**
     * The references of these class files (internal name → bytes, all from one LF) that are not
     * allowed, each with the user's line; empty if the LF may run.
     */
    static List<CompileException.Problem> check(Map<String, byte[]> classes, int headerLines) {
        Set<String> own = new java.util.HashSet<>();
        classes.keySet().forEach(n -> own.add(n.replace('.', '/')));
        BytecodeCheck check = new BytecodeCheck(own);
        for (byte[] bytes : classes.values()) {
            new ClassReader(bytes).accept(check.new ClassCheck(headerLines), 0);
        }
        return check.problems;
    }

    private boolean classAllowed(String internalName) {
        String n = internalName;
        while (n.startsWith("[")) {
            n = n.substring(1);
        }
        if (n.length() == 1) {
            return true; // a primitive array
        }
        if (n.startsWith("L") && n.endsWith(";")) {
            n = n.substring(1, n.length() - 1);
        }
        if (own.contains(n) || RULES.containsKey(n)) {
            return true;
        }
        for (String p : ALL_OF_PACKAGE) {
            if (n.startsWith(p) && n.indexOf('/', p.length()) < 0) {
                return true;
            }
        }
        return false;
    }

    private boolean memberAllowed(String owner, String name) {
        if (owner.startsWith("[")) {
            return true; // arrays: length, clone and Object's methods
        }
        if (own.contains(owner)) {
            return true;
        }
        Rule rule = RULES.get(owner);
        if (rule != null) {
            return rule.allows(name);
        }
        for (String p : ALL_OF_PACKAGE) {
            if (owner.startsWith(p) && owner.indexOf('/', p.length()) < 0) {
                return true;
            }
        }
        return false;
    }

    private void refuse(int line, String what) {
        String key = line + what;
        if (reported.add(key)) {
            problems.add(new CompileException.Problem(Math.max(1, line), 1, what
                    + " is not allowed in a labeling function (LFs may use strings, numbers, collections, regular expressions,"
                    + " streams and the LF API; not files, processes, threads, the network, reflection or the JVM)"));
        }
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    private final class ClassCheck extends ClassVisitor {
        private final int headerLines;

        ClassCheck(int headerLines) {
            super(Opcodes.ASM9);
            this.headerLines = headerLines;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            if (superName != null && !SUPERCLASSES.contains(superName) && !own.contains(superName)
                    && !(RULES.containsKey(superName) && superName.endsWith("Exception"))) {
                refuse(1, "extending " + dotted(superName));
            }
            for (String i : interfaces) {
                if (!classAllowed(i)) {
                    refuse(1, "implementing " + dotted(i));
                }
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                refuse(1, "a native method");
            }
            return new MethodCheck(headerLines);
        }
    }

    private final class MethodCheck extends MethodVisitor {
        private final int headerLines;
        private int line = 1;

        MethodCheck(int headerLines) {
            super(Opcodes.ASM9);
            this.headerLines = headerLines;
        }

        @Override
        public void visitLineNumber(int sourceLine, Label start) {
            line = sourceLine - headerLines;
        }

        private void member(String owner, String name) {
            if (!memberAllowed(owner, name)) {
                refuse(line, "'" + dotted(owner) + (name.equals("<init>") ? "' (new)" : "." + name + "'"));
            }
        }

        private void type(String internalName) {
            if (!classAllowed(internalName)) {
                refuse(line, "'" + dotted(internalName.replaceAll("^\\[+L?|;$", "")) + "'");
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            member(owner, name);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if ((opcode == Opcodes.PUTSTATIC || opcode == Opcodes.PUTFIELD) && !own.contains(owner)) {
                refuse(line, "assigning '" + dotted(owner) + "." + name + "'");
                return;
            }
            member(owner, name);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            type(type);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            type(descriptor);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                type(type);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            constant(value);
        }

        private void constant(Object value) {
            if (value instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    return; // a method type: a signature, nothing callable
                }
                type(t.getInternalName());
            } else if (value instanceof Handle h) {
                member(h.getOwner(), h.getName());
            } else if (value instanceof ConstantDynamic) {
                refuse(line, "a dynamic constant");
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            if (!BOOTSTRAPS.contains(bootstrap.getOwner() + "." + bootstrap.getName())) {
                refuse(line, "'" + dotted(bootstrap.getOwner()) + "." + bootstrap.getName() + "'");
                return;
            }
            for (Object a : args) {
                constant(a); // a lambda's body or a method reference (System::exit is refused here)
            }
        }
    }
}
