package io.perfweave.it.apps;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Compiles Java sources that a test application generated, at release 17, into a class directory. */
public final class GeneratedSources {
    private GeneratedSources() {
    }

    /** @throws IllegalStateException when there is no compiler (a JRE) or javac fails, with its messages */
    public static void compile(Path classes, List<Path> sources) {
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "-proc:none", "-implicit:none", "-nowarn"));
        sources.forEach(source -> arguments.add(source.toString()));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run this on a JDK, not a JRE");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(messages, true, StandardCharsets.UTF_8);
        if (compiler.run(null, errors, errors, arguments.toArray(new String[0])) != 0) {
            throw new IllegalStateException("javac failed:\n" + messages.toString(StandardCharsets.UTF_8));
        }
    }
}
