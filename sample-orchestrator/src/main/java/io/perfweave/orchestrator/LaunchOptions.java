package io.perfweave.orchestrator;

import io.perfweave.orchestrator.chronicle.HistoryGenerator;

import java.nio.file.Path;

/**
 * The command line: {@code [--port N] [--projects N] [--seed S] [--data FILE] [--export FILE]}.
 * Flags take their value as the next argument or after {@code =}.
 *
 * @param dataFile   history to load instead of generating one; {@code null} to generate
 * @param exportFile where to write the history instead of serving; {@code null} to serve
 */
public record LaunchOptions(int port, int projectCount, long seed, Path dataFile, Path exportFile, boolean help) {

    public static final int DEFAULT_PORT = 8080;

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar sample-orchestrator.jar [options]",
            "  --port N        port to listen on (default " + DEFAULT_PORT + ", 0 picks a free port)",
            "  --projects N    size of the generated history (default " + HistoryGenerator.DEFAULT_PROJECT_COUNT + ")",
            "  --seed S        seed of the generated history (default " + HistoryGenerator.DEFAULT_SEED + ")",
            "  --data FILE     load the history from a JSON file instead of generating it",
            "  --export FILE   write the history to a JSON file and exit",
            "  --help          show this help");

    public static LaunchOptions parse(String... args) throws InvalidFlagException {
        int port = DEFAULT_PORT;
        int projectCount = HistoryGenerator.DEFAULT_PROJECT_COUNT;
        long seed = HistoryGenerator.DEFAULT_SEED;
        boolean generatorFlagGiven = false;
        Path dataFile = null;
        Path exportFile = null;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (flag) {
                case "--help", "-h" -> {
                    return new LaunchOptions(port, projectCount, seed, dataFile, exportFile, true);
                }
                case "--port", "--projects", "--seed", "--data", "--export" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new InvalidFlagException(flag + " needs a value");
                        }
                        value = args[++i];
                    }
                }
                default -> throw new InvalidFlagException("unknown flag " + arg);
            }
            switch (flag) {
                case "--port" -> port = integer(flag, value, 0, 65_535);
                case "--projects" -> {
                    projectCount = integer(flag, value, 0, 10_000_000);
                    generatorFlagGiven = true;
                }
                case "--seed" -> {
                    seed = longValue(flag, value);
                    generatorFlagGiven = true;
                }
                case "--data" -> dataFile = path(flag, value);
                default -> exportFile = path(flag, value);
            }
        }
        if (dataFile != null && generatorFlagGiven) {
            throw new InvalidFlagException("--data cannot be combined with --projects or --seed");
        }
        return new LaunchOptions(port, projectCount, seed, dataFile, exportFile, false);
    }

    private static int integer(String flag, String value, int min, int max) throws InvalidFlagException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new InvalidFlagException(flag + " expects a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private static long longValue(String flag, String value) throws InvalidFlagException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFlagException(flag + " expects a whole number, got '" + value + "'");
        }
    }

    private static Path path(String flag, String value) throws InvalidFlagException {
        if (value.isBlank()) {
            throw new InvalidFlagException(flag + " needs a file name");
        }
        return Path.of(value);
    }
}
