package io.perfweave.agent.profile;

import io.perfweave.agent.config.AgentConfig;
import io.perfweave.agent.config.ProfileConfig;
import io.perfweave.agent.log.AgentLog;
import io.perfweave.agent.record.OperationCatalog;
import io.perfweave.bootstrap.CallsInFlight;
import io.perfweave.bootstrap.OperationRecorder;
import io.perfweave.bootstrap.Recorders;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the stacks of slow calls: one agent thread that looks at the calls in flight
 * ({@link CallsInFlight}) and, every {@code profiling.interval_ms}, takes the stack of each thread
 * whose call of a profiled operation has run longer than that operation's {@code slower_than_ms},
 * into the operation's {@link StackProfile}.
 *
 * <p><b>Why {@link Thread#getStackTrace()} and not JFR's execution samples.</b> It takes exactly the
 * slow threads' stacks, as often as asked, and costs nothing while no call is slow. JFR's sampler
 * looks at a handful of threads per period, round robin over all of them, so in a busy application
 * a given slow thread is sampled far less often than the interval, or not at all during a short
 * slow call; it samples only threads running Java code (a slow call waiting on a lock, a socket or
 * a sleep leaves no execution sample), it samples every thread all the time, and starting a
 * recording stream costs start-up time and some megabytes, and changes the sampling of any
 * recording the application runs itself. What this choice costs: a stack is taken where the
 * thread reaches a safepoint poll (safepoint bias: a tight loop's time may show at its back edge
 * or its caller rather than the exact line), by a handshake with that one thread on JDK 19 and
 * later, by a short stop of all threads (a safepoint) on JDK 17; and each stack allocates its
 * frames (some KB). {@link SamplingBudget} keeps the sampler's CPU time under 1.5 % of a core
 * however many calls are slow, by sampling less often than the interval when stacks (or waking)
 * cost more than that: on a small virtual machine, where waking a thread costs about 100 us and a
 * stack about 150 us, one slow call is sampled some 50 times a second instead of 100
 * ({@code scripts/profile-cost.sh}).
 *
 * <p><b>Idle.</b> The thread starts only when the config profiles an operation. It then wakes only
 * when a call could have become slow: with no call in flight, every
 * {@code min(slower_than_ms)} (at least the interval), to read a table of 512 slots; with calls
 * in flight that are not slow yet, when the oldest of them turns slow. Each such wake is the cost
 * of waking a thread and a fraction of a microsecond of looking. After {@value #IDLE_SECONDS} s of
 * looks without a call in flight it sleeps until a call enters ({@link CallsInFlight#awaitCall}):
 * an agent whose profiled operations are not called does nothing at all.
 */
public final class SlowCallSampler {
    static final String THREAD_NAME = "perfweave-profiler";
    /** How long the sampler looks at an empty table before it sleeps until a call enters. */
    static final int IDLE_SECONDS = 5;

    private final OperationCatalog catalog;
    private final SlowCallProfiles profiles;
    /** Copies of the calls in flight, made with the thread: the table is loaded only when something is profiled. */
    private Thread[] threads;
    private int[] ids;
    private long[] starts;
    private final AtomicLong wakeups = new AtomicLong();
    private final AtomicLong stacksTaken = new AtomicLong();
    private final AtomicLong stacksSkipped = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean failedOnce;
    /** The catalog's operation list the targets were made for; rebuilt when the catalog changes. */
    private List<OperationCatalog.Operation> targetsFor;
    private Map<String, Target> targets = Map.of();
    private SamplingBudget budget;
    /** Rotates which slow thread is sampled first, so that a tight budget starves none of them. */
    private int firstThread;
    /** Calls in flight at the last look, and when a look last saw one. */
    private int lastInFlight;
    private long lastBusyNanos = System.nanoTime();

    public SlowCallSampler(OperationCatalog catalog, SlowCallProfiles profiles) {
        this.catalog = catalog;
        this.profiles = profiles;
    }

    /**
     * Follows a config, the first or a reloaded one: starts the thread when the config first
     * profiles an operation, and wakes it to read the new settings. Thresholds, the interval and
     * {@code max_stacks} apply from its next look at the calls in flight.
     */
    public synchronized void adopt(AgentConfig config) {
        Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
            return;
        }
        if (config.operations().stream().noneMatch(operation -> operation.profile() != null)) {
            return;
        }
        Thread started = new Thread(this::run, THREAD_NAME);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    private void run() {
        while (true) {
            long waitNanos;
            try {
                waitNanos = look(System.nanoTime());
            } catch (RuntimeException | LinkageError e) {
                if (!failedOnce) {
                    failedOnce = true;
                    AgentLog.warn("slow-call sampling failed, it carries on and says so once: " + e);
                }
                waitNanos = TimeUnit.SECONDS.toNanos(1);
            }
            long now = System.nanoTime();
            if (lastInFlight > 0) {
                lastBusyNanos = now;
            }
            if (waitNanos == Long.MAX_VALUE) {
                LockSupport.park(this); // nothing profiled: until a reload profiles something
            } else if (now - lastBusyNanos > TimeUnit.SECONDS.toNanos(IDLE_SECONDS)) {
                CallsInFlight.awaitCall(); // a reload wakes it too (adopt unparks it)
                lastBusyNanos = System.nanoTime();
            } else {
                LockSupport.parkNanos(this, waitNanos);
            }
            wakeups.incrementAndGet();
        }
    }

    /**
     * Looks at the calls in flight once, samples the slow ones, and answers how long to wait
     * before the next look ({@link Long#MAX_VALUE}: until woken).
     */
    long look(long now) {
        Map<String, Target> current = targets();
        if (current.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (threads == null) {
            threads = new Thread[CallsInFlight.capacity()];
            ids = new int[CallsInFlight.capacity()];
            starts = new long[CallsInFlight.capacity()];
            budget = new SamplingBudget(cpuClock(), now);
        }
        long interval = TimeUnit.MILLISECONDS.toNanos(catalog.config().profiling().intervalMs());
        long wait = Long.MAX_VALUE;
        for (Target target : current.values()) {
            wait = Math.min(wait, target.slowerThanNanos);
        }
        Map<Thread, Set<Target>> slow = new LinkedHashMap<>();
        int count = CallsInFlight.read(threads, ids, starts);
        lastInFlight = count;
        OperationRecorder[] recorders = Recorders.all();
        for (int i = 0; i < count; i++) {
            Thread caller = threads[i];
            threads[i] = null; // the copy must not keep threads alive
            Target target = ids[i] < recorders.length ? current.get(recorders[ids[i]].name) : null;
            if (target == null) {
                continue; // woven before a reload took the operation's profile away
            }
            long age = now - starts[i];
            if (age >= target.slowerThanNanos) {
                slow.computeIfAbsent(caller, t -> new LinkedHashSet<>()).add(target);
            } else {
                wait = Math.min(wait, target.slowerThanNanos - age);
            }
        }
        if (!slow.isEmpty()) {
            wait = Math.max(interval, sample(slow));
        }
        return Math.max(wait, interval);
    }

    /** Takes the slow threads' stacks while the budget allows; answers how long the budget wants the sampler to rest. */
    private long sample(Map<Thread, Set<Target>> slow) {
        int maxStacks = catalog.config().profiling().maxStacks();
        List<Map.Entry<Thread, Set<Target>>> entries = new ArrayList<>(slow.entrySet());
        firstThread = (firstThread + 1) % entries.size();
        for (int k = 0; k < entries.size(); k++) {
            if (budget.owed(System.nanoTime()) > 0) {
                stacksSkipped.addAndGet(entries.size() - k);
                break;
            }
            Map.Entry<Thread, Set<Target>> entry = entries.get((firstThread + k) % entries.size());
            StackTraceElement[] stack = entry.getKey().getStackTrace();
            stacksTaken.incrementAndGet();
            for (Target target : entry.getValue()) {
                List<String> frames = target.frames().cut(stack);
                if (frames != null) {
                    profiles.writing(target.operation.name()).add(frames, maxStacks);
                }
            }
        }
        return budget.rest(System.nanoTime());
    }

    /** The calling thread's CPU time, or the clock where the JVM cannot tell (which only makes the budget stricter). */
    private static java.util.function.LongSupplier cpuClock() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // the agent does not switch the measurement on: that would change the host's JVM
        return mx.isCurrentThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled()
                ? mx::getCurrentThreadCpuTime : System::nanoTime;
    }

    /** The profiled operations of the current config, by name. */
    private Map<String, Target> targets() {
        List<OperationCatalog.Operation> operations = catalog.all();
        if (operations != targetsFor) {
            Map<String, Target> made = new HashMap<>();
            for (OperationCatalog.Operation operation : operations) {
                ProfileConfig profile = operation.rule().profile();
                if (profile != null) {
                    made.put(operation.name(), new Target(operation, profile.slowerThanNanos()));
                }
            }
            targets = made;
            targetsFor = operations;
        }
        return targets;
    }

    /** A profiled operation: its threshold, and its woven methods as the frames that root its calls. */
    private static final class Target {
        final OperationCatalog.Operation operation;
        final long slowerThanNanos;
        private Set<String> framesFor;
        private CallStackCut frames;

        Target(OperationCatalog.Operation operation, long slowerThanNanos) {
            this.operation = operation;
            this.slowerThanNanos = slowerThanNanos;
        }

        /** Remade when the operation's woven methods change (a class woven later, a reload). */
        CallStackCut frames() {
            Set<String> woven = operation.wovenMethods();
            if (woven != framesFor) {
                frames = CallStackCut.of(woven);
                framesFor = woven;
            }
            return frames;
        }
    }

    /** What the sampler has done and cost, for {@code GET /health}. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        Thread running = thread;
        state.put("sampler", running == null ? "off" : "running");
        if (running == null) {
            return state; // nothing is profiled, and the table of calls in flight is not even loaded
        }
        state.put("wakeups", wakeups.get());
        state.put("stacks_taken", stacksTaken.get());
        state.put("stacks_skipped_over_budget", stacksSkipped.get());
        state.put("calls_not_tracked", CallsInFlight.untracked());
        state.put("cpu_ms", cpuNanos(running) / 1e6);
        return state;
    }

    private static long cpuNanos(Thread thread) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try {
            long nanos = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.getId()) : -1;
            return Math.max(nanos, 0);
        } catch (UnsupportedOperationException e) {
            return 0;
        }
    }
}
