package io.perfweave.it.apps.scale;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Loads the {@link OperationClasses} (from its class path) and calls each of their
 * {@code operations} methods once, so that a rule {@code '{class}.{method}'} over them makes that
 * many distinct operations with one call each. Prints {@code called operations=N checksum=X}, then
 * idles in {@link Commands} until told to exit.
 *
 * <p>Usage: {@code ManyOperationsApp operations [load-only]}, with {@code OperationClasses}' output
 * directory on the class path; {@code load-only} loads the classes (so that their methods are
 * woven and their operations exist) without calling any.
 */
public final class ManyOperationsApp {
    private static final MethodType INT_TO_INT = MethodType.methodType(int.class, int.class);

    private ManyOperationsApp() {
    }

    public static void main(String[] args) throws Throwable {
        int operations = Integer.parseInt(args[0]);
        boolean call = args.length < 2 || !args[1].equals("load-only");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        long checksum = 0;
        int called = 0;
        for (int c = 0; c < OperationClasses.classCount(operations); c++) {
            Class<?> type = Class.forName(OperationClasses.className(c));
            for (int m = 0; m < OperationClasses.methodCount(operations, c); m++) {
                MethodHandle method = lookup.findStatic(type, "m" + m, INT_TO_INT);
                if (call) {
                    checksum += (int) method.invokeExact(m);
                    called++;
                }
            }
        }
        System.out.println("called operations=" + called + " checksum=" + checksum);
        Commands.serve();
    }
}
