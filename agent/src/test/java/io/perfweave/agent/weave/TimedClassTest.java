package io.perfweave.agent.weave;

import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;
import io.perfweave.bootstrap.Timing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Weaves every method of {@link WeavingSamples} with the hooks of each kind, loads the result (so
 * that the JVM's verifier checks it), and calls it beside the unwoven class: the same results, the
 * same exceptions with the same stack traces, and every call counted once, failures as failures.
 */
class TimedClassTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Map<String, OperationRecorder> RECORDERS = new HashMap<>();
    private static Class<?> woven;

    @BeforeAll
    static void weave() throws IOException {
        byte[] classFile;
        try (InputStream in = WeavingSamples.class.getResourceAsStream("WeavingSamples.class")) {
            classFile = in.readAllBytes();
        }
        Map<String, List<CallHook>> hooks = new HashMap<>();
        for (Method method : WeavingSamples.class.getDeclaredMethods()) {
            hooks.put(method.getName() + org.objectweb.asm.Type.getMethodDescriptor(method), hooksFor(method.getName(),
                    kindOf(method.getName()), method.getModifiers(), org.objectweb.asm.Type.getMethodDescriptor(method)));
        }
        for (Constructor<?> constructor : WeavingSamples.class.getDeclaredConstructors()) {
            String descriptor = org.objectweb.asm.Type.getConstructorDescriptor(constructor);
            hooks.put("<init>" + descriptor, hooksFor("<init>" + descriptor, TimingHook.Kind.CONSTRUCTOR,
                    constructor.getModifiers(), descriptor));
        }
        byte[] rewritten = TimedClass.weave(classFile, hooks);
        woven = new ClassLoader(TimedClassTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(WeavingSamples.class.getName(), rewritten, 0, rewritten.length);
            }
        }.define();
    }

    private static TimingHook.Kind kindOf(String method) {
        return switch (method) {
            case "later" -> TimingHook.Kind.ASYNC;
            case "tagged" -> TimingHook.Kind.TAGGED;
            case "loop", "switches" -> TimingHook.Kind.OUTERMOST;
            case "nothing" -> TimingHook.Kind.ALLOCATING;
            default -> TimingHook.Kind.PLAIN;
        };
    }

    /** The slow-call hook outside the timing, as a profiled operation is woven; breakdown on for some. */
    private static List<CallHook> hooksFor(String name, TimingHook.Kind kind, int access, String descriptor) {
        OperationRecorder recorder = Recorders.operation("timed-class-test-" + NAMES.incrementAndGet() + "-" + name,
                null, kind == TimingHook.Kind.OUTERMOST ? OperationRecorder.RECURSION_OUTERMOST : OperationRecorder.RECURSION_ALL);
        RECORDERS.put(name, recorder);
        List<CallHook> hooks = new ArrayList<>();
        if (kind != TimingHook.Kind.CONSTRUCTOR) {
            hooks.add(new SlowCallHook(recorder.id));
        }
        boolean breakdown = name.hashCode() % 2 == 0;
        hooks.add(new TimingHook(recorder.id, kind, breakdown, kind == TimingHook.Kind.TAGGED ? 0 : -1, access, descriptor));
        return hooks;
    }

    private static Object call(Class<?> type, Object target, String name, Class<?>[] parameters, Object... arguments)
            throws Throwable {
        try {
            return type.getMethod(name, parameters).invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Calls the method on both classes: equal results, or equal exceptions, stack traces included. */
    private static Object same(String name, Class<?>[] parameters, Object... arguments) throws Throwable {
        Object plainTarget = null;
        Object wovenTarget = null;
        if (!java.lang.reflect.Modifier.isStatic(WeavingSamples.class.getMethod(name, parameters).getModifiers())) {
            plainTarget = new WeavingSamples(1);
            wovenTarget = woven.getConstructor(int.class).newInstance(1);
        }
        Object expected;
        try {
            expected = call(WeavingSamples.class, plainTarget, name, parameters, arguments);
        } catch (Throwable plainFailure) {
            Object finalTarget = wovenTarget;
            Throwable wovenFailure = assertThrows(Throwable.class,
                    () -> call(woven, finalTarget, name, parameters, arguments));
            assertEquals(plainFailure.getClass(), wovenFailure.getClass());
            assertEquals(plainFailure.getMessage(), wovenFailure.getMessage());
            assertArrayEquals(frames(plainFailure), frames(wovenFailure), "stack trace of " + name);
            return wovenFailure;
        }
        Object actual = call(woven, wovenTarget, name, parameters, arguments);
        assertEquals(settled(expected), settled(actual), name);
        return actual;
    }

    /** A future's outcome, to compare; anything else as it is. */
    private static Object settled(Object value) {
        if (value instanceof CompletableFuture<?> future) {
            return future.handle((result, failure) -> failure == null ? result : "failed: " + failure.getMessage()).join();
        }
        return value;
    }

    /** Where the exception was thrown, down to the test's reflective call, in the sample's own frames. */
    private static String[] frames(Throwable failure) {
        return Arrays.stream(failure.getStackTrace())
                .filter(frame -> frame.getClassName().equals(WeavingSamples.class.getName()))
                .map(frame -> frame.getMethodName() + ":" + frame.getLineNumber())
                .toArray(String[]::new);
    }

    /** Calls recorded, those that failed included. */
    private static long count(String method) {
        io.perfweave.bootstrap.Totals totals = RECORDERS.get(method).totals();
        return totals.count + totals.failures;
    }

    private static long failures(String method) {
        return RECORDERS.get(method).totals().failures;
    }

    @Test
    void resultsExceptionsAndStackTracesAreTheUnwovenClasses() throws Throwable {
        long failuresBefore = Timing.adviceFailures();
        Class<?>[] intArg = {int.class};
        for (int n : new int[] {0, 1, 10}) {
            same("loop", intArg, n);
        }
        same("wide", new Class<?>[] {long.class, double.class, int.class}, 5L, 7.5, 1);
        same("wide", new Class<?>[] {long.class, double.class, int.class}, 9L, 7.5, 1);
        same("wide", new Class<?>[] {long.class, double.class, int.class}, 9L, 7.5, -1);
        assertInstanceOf(IllegalStateException.class, same("failsOrAnswers", new Class<?>[] {boolean.class}, true));
        same("failsOrAnswers", new Class<?>[] {boolean.class}, false);
        same("catchesItsOwn", intArg, 0);
        same("catchesItsOwn", intArg, 4);
        same("slotsReused", new Class<?>[] {boolean.class}, true);
        same("slotsReused", new Class<?>[] {boolean.class}, false);
        same("lockedMethod", intArg, 21);
        same("lockedBlock", intArg, 11);
        assertInstanceOf(IllegalArgumentException.class, same("lockedBlock", intArg, 3));
        for (int x = 0; x < 5; x++) {
            same("switches", intArg, x);
        }
        int[] counter = new int[1];
        call(woven, null, "nothing", new Class<?>[] {int[].class}, (Object) counter);
        assertEquals(1, counter[0]);
        same("later", new Class<?>[] {String.class, boolean.class}, "v", false);
        same("later", new Class<?>[] {String.class, boolean.class}, "v", true);
        same("tagged", new Class<?>[] {int.class, String.class}, 40, "ab");

        assertEquals(3, count("loop"));
        assertEquals(3, count("wide"));
        assertEquals(2, count("failsOrAnswers"));
        assertEquals(1, failures("failsOrAnswers"));
        assertEquals(2, count("catchesItsOwn"));
        assertEquals(0, failures("catchesItsOwn"));
        assertEquals(2, count("slotsReused"));
        assertEquals(2, count("lockedBlock"));
        assertEquals(1, failures("lockedBlock"));
        assertEquals(5, count("switches"));
        assertEquals(1, count("nothing"));
        assertEquals(2, count("later"));
        assertEquals(1, failures("later"), "the failed future counts as a failure");
        assertEquals(1, count("tagged"));
        assertEquals(failuresBefore, Timing.adviceFailures(), "no hook failed");
    }

    @Test
    void aConstructorThatBranchesBeforeCallingAnotherIsTimedWhenItReturns() throws Exception {
        Object positive = woven.getConstructor(int.class).newInstance(5);
        Object other = woven.getConstructor(int.class).newInstance(-5);
        assertEquals("positive", woven.getMethod("sign").invoke(positive));
        assertEquals("not positive", woven.getMethod("sign").invoke(other));
        OperationRecorder outer = RECORDERS.get("<init>(I)V");
        assertNotNull(outer);
        long created = outer.totals().count;
        woven.getConstructor(int.class).newInstance(1);
        assertEquals(created + 1, outer.totals().count);
    }
}
