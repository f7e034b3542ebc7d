package io.perfweave.it.http;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program an integration test drives (Prometheus, promtool, Chromium). On CI it must be there,
 * and a missing one fails the test; elsewhere the test is skipped with the reason printed.
 */
final class ExternalTool {
    private ExternalTool() {
    }

    static Path require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = name + " is not installed (Debian package '" + debianPackage
                + "'; bash .ci/install-test-tools.sh installs it)";
        if (System.getenv("CI") != null) {
            Assertions.fail(reason);
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
        return null;
    }
}
