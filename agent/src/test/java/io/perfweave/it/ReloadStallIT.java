package io.perfweave.it;

import io.perfweave.it.apps.ManyClassesApp;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reload that weaves 1,000 loaded classes while the application serves requests: every class is
 * woven, and the requests' latency before and during the reload is printed (the stall it caused).
 */
class ReloadStallIT {
    private static final int CLASSES = 1000;

    @Test
    void reloadWeavingAThousandLoadedClasses() throws Exception {
        Path classes = compileClasses();
        Path config = Files.createTempFile("perfweave-stall-", ".yaml");
        String header = "server: {port: 0}\nreload: {poll_seconds: 1}\noperations:\n";
        Files.writeString(config, header + "  - {name: none, class: gen.Nothing, method: work}\n");
        try (ForkedJvm host = ForkedJvm.startFile(config, "port=0", List.of("-cp",
                ForkedJvm.TEST_CLASSES.toAbsolutePath() + java.io.File.pathSeparator + classes), ManyClassesApp.class.getName(),
                String.valueOf(CLASSES))) {
            host.awaitStdout("ready", Duration.ofSeconds(60));
            Thread.sleep(2000);
            String before = stats(host);

            Files.writeString(config, header + "  - {name: generated, class: 'gen.C*', method: work}\n");
            String reloaded = host.awaitStderr("config reloaded from", Duration.ofSeconds(60));
            Thread.sleep(500);
            String during = stats(host);
            System.out.println("[reload stall] before: " + before + " | with the reload: " + during + " | " + reloaded);

            // the generated classes, and any JDK proxy classes the old rule (an exact class name, which
            // may be an interface) might have selected
            java.util.regex.Matcher rewoven = java.util.regex.Pattern.compile("(\\d+) loaded class\\(es\\) re-woven").matcher(reloaded);
            assertTrue(rewoven.find() && Integer.parseInt(rewoven.group(1)) >= CLASSES, reloaded);
            assertEquals(CLASSES, host.getJson("/metrics/generated").path("matched").asInt());
            AttachIT.awaitCalls(host, "generated", 1000);
        }
    }

    private static String stats(ForkedJvm host) throws Exception {
        int seen = (int) host.stdout().stream().filter(line -> line.startsWith("stats ")).count();
        host.send("stats");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = host.stdout().stream().filter(line -> line.startsWith("stats ")).toList();
            if (lines.size() > seen) {
                return lines.get(lines.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no stats line");
    }

    /** Writes and compiles gen.C0 .. gen.C999, each with a small static method. */
    private static Path compileClasses() throws Exception {
        Path root = Files.createTempDirectory("perfweave-generated-");
        Path sources = Files.createDirectories(root.resolve("src/gen"));
        Path classes = Files.createDirectories(root.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < CLASSES; i++) {
            Path file = sources.resolve("C" + i + ".java");
            Files.writeString(file, "package gen;\npublic final class C" + i + " {\n"
                    + "    public static int work(int x) {\n        return x * " + (i + 3) + " + " + i + ";\n    }\n}\n");
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        arguments.addAll(files);
        assertEquals(0, compiler.run(null, null, null, arguments.toArray(new String[0])));
        return classes;
    }
}
