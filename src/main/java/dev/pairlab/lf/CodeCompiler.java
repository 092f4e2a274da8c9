package dev.pairlab.lf;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a code LF in memory with {@code javax.tools} (the app's runtime must include the
 * jdk.compiler module). The user writes the body of {@code Vote vote(LfPair p)}; it is wrapped in
 * a class with the imports the API documents, and compile errors are mapped back to the user's
 * lines and columns.
 */
public final class CodeCompiler {

    static final String PACKAGE = "dev.pairlab.lf.generated";
    private static final String HEADER = """
            package %s;
            import static dev.pairlab.lf.api.Vote.*;
            import dev.pairlab.lf.api.*;
            import java.util.*;
            import java.util.regex.*;
            public final class %s implements CodeLabelingFunction {
                @Override
                public Vote vote(LfPair p) throws Exception {
            """;
    /** Lines the header adds before the user's first line. */
    static final int HEADER_LINES = 8;
    private static final String FOOTER = "\n    }\n}\n";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private CodeCompiler() {
    }

    /** Bodies compiled in this JVM: an LF is compiled once per process (per Spark executor), not per chunk or run. */
    private static final java.util.Map<String, CompiledLf> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Compiles the LF's body (or returns the earlier compilation of the same body) and checks its
     * bytecode against the allow-list ({@link BytecodeCheck}). The classes are never loaded here: only
     * a sandbox worker process loads and runs them ({@link CodeSandbox}).
     */
    public static CompiledLf compile(String body) throws LfException {
        CompiledLf done = COMPILED.get(body);
        if (done != null) {
            return done;
        }
        CompiledLf fresh = compileNew(body);
        if (COMPILED.size() > 256) {
            COMPILED.clear();
        }
        COMPILED.put(body, fresh);
        return fresh;
    }

    private static CompiledLf compileNew(String body) throws LfException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new LfException("this Java runtime has no compiler (the jdk.compiler module); code LFs need a JDK");
        }
        String className = "CodeLf" + COUNTER.incrementAndGet();
        String source = String.format(HEADER, PACKAGE, className) + body + FOOTER;
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        MemoryFileManager files = new MemoryFileManager(standard);
        List<String> options = List.of("-classpath", classPath(), "-proc:none", "-g", "-nowarn", "--release", "17");
        boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(new Source(className, source))).call();
        if (!ok) {
            List<CompileException.Problem> problems = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                long userLines = body.lines().count();
                long line = Math.max(1, Math.min(Math.max(1, userLines), d.getLineNumber() - HEADER_LINES));
                long column = d.getLineNumber() - HEADER_LINES == line ? Math.max(1, d.getColumnNumber()) : 1;
                problems.add(new CompileException.Problem(line, column, d.getMessage(Locale.ROOT).lines().findFirst().orElse("")));
            }
            if (problems.isEmpty()) {
                problems.add(new CompileException.Problem(1, 1, "does not compile"));
            }
            throw new CompileException(problems);
        }
        Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        files.classes.forEach((name, c) -> classes.put(name, c.bytes.toByteArray()));
        List<CompileException.Problem> refused = BytecodeCheck.check(classes, HEADER_LINES);
        if (!refused.isEmpty()) {
            throw new CompileException(refused);
        }
        return new CompiledLf(PACKAGE + "." + className, classes);
    }

    /** The line in the user's source of a stack frame from a compiled LF, or -1. */
    static int userLine(StackTraceElement frame) {
        if (frame.getClassName().startsWith(PACKAGE + ".") && frame.getLineNumber() > HEADER_LINES) {
            return frame.getLineNumber() - HEADER_LINES;
        }
        return -1;
    }

    /**
     * The class path for compiling: the JVM's, plus where Pairlab's own classes are (under
     * {@code java -jar} the class path names only the jar, whose manifest javac follows).
     */
    private static String classPath() {
        String cp = System.getProperty("java.class.path", "");
        try {
            var location = CodeCompiler.class.getProtectionDomain().getCodeSource().getLocation();
            String own = Path.of(location.toURI()).toString();
            if (!cp.contains(own)) {
                cp = cp.isEmpty() ? own : cp + File.pathSeparator + own;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // The JVM's class path alone is then all javac gets; compile errors will say what is missing.
        }
        return cp;
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    private static final class ClassBytes extends SimpleJavaFileObject {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ClassBytes(String name) {
            super(URI.create("mem:///" + name.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
        }

        @Override
        public OutputStream openOutputStream() {
            return bytes;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, ClassBytes> classes = new HashMap<>();

        MemoryFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            ClassBytes c = new ClassBytes(className);
            classes.put(className, c);
            return c;
        }
    }
}
