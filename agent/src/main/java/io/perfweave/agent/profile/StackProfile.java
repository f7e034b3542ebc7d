package io.perfweave.agent.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one operation's slow calls, aggregated into collapsed stacks, in bounded memory:
 * at most a given number of distinct stacks are kept; the samples of further new stacks are
 * counted under their root as one stack {@code root;[other]}, so that no sample is lost and the
 * flame graph keeps its true width. Frame names are stored once per profile, each stack as an
 * array of frame numbers.
 *
 * <p>The sampler writes, HTTP readers take {@link #snapshot()}s; both are short, so one lock.
 */
public final class StackProfile {
    /** The frame under which the samples of stacks beyond the bound are counted. */
    public static final String OTHER = "[other]";
    /** The last frame of a stack cut at {@link #MAX_DEPTH} frames. */
    public static final String TRUNCATED = "[truncated]";
    /** Frames kept per stack, from the root: a runaway recursion costs no more than this. */
    public static final int MAX_DEPTH = 512;

    private final String operation;
    private final Map<String, Integer> frameNumbers = new HashMap<>();
    private final List<String> frameNames = new ArrayList<>();
    private final Map<Stack, long[]> counts = new HashMap<>();
    /** Samples of stacks beyond the bound, by the frame number of their root. */
    private final Map<Integer, long[]> otherByRoot = new LinkedHashMap<>();
    private long samples;

    public StackProfile(String operation) {
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    /**
     * Adds one sample.
     *
     * @param frames the stack from the operation's method (first) down to the running frame
     * @param maxStacks the distinct stacks to keep at most; a new stack beyond them counts as {@link #OTHER}
     */
    public synchronized void add(List<String> frames, int maxStacks) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        int depth = Math.min(frames.size(), MAX_DEPTH);
        int[] numbers = new int[depth];
        boolean known = true;
        for (int i = 0; i < depth; i++) {
            String frame = i == MAX_DEPTH - 1 && frames.size() > MAX_DEPTH ? TRUNCATED : frames.get(i);
            Integer number = frameNumbers.get(frame);
            numbers[i] = number == null ? -1 : number;
            known &= number != null;
        }
        if (known) {
            long[] count = counts.get(new Stack(numbers));
            if (count != null) {
                count[0]++;
                return;
            }
        }
        if (counts.size() >= maxStacks) {
            // of a stack that is not kept only the root is stored, and roots are the operation's
            // woven methods: memory stays bounded
            otherByRoot.computeIfAbsent(number(frames.get(0)), root -> new long[1])[0]++;
            return;
        }
        for (int i = 0; i < depth; i++) {
            if (numbers[i] < 0) {
                numbers[i] = number(i == MAX_DEPTH - 1 && frames.size() > MAX_DEPTH ? TRUNCATED : frames.get(i));
            }
        }
        counts.put(new Stack(numbers), new long[] {1});
    }

    private int number(String frame) {
        Integer number = frameNumbers.get(frame);
        if (number == null) {
            number = frameNames.size();
            frameNames.add(frame);
            frameNumbers.put(frame, number);
        }
        return number;
    }

    /** Forgets every sample. */
    public synchronized void reset() {
        frameNumbers.clear();
        frameNames.clear();
        counts.clear();
        otherByRoot.clear();
        samples = 0;
    }

    /** Samples added since start or the last reset. */
    public synchronized long samples() {
        return samples;
    }

    /** Distinct stacks kept (at most the bound given to {@link #add}). */
    public synchronized int distinctStacks() {
        return counts.size();
    }

    /** Frame names stored: only those of the stacks kept, and the roots. */
    synchronized int distinctFrames() {
        return frameNames.size();
    }

    /** The profile now, its stacks hottest first. */
    public synchronized ProfileSnapshot snapshot() {
        List<CollapsedStack> stacks = new ArrayList<>(counts.size() + otherByRoot.size());
        counts.forEach((stack, count) -> stacks.add(new CollapsedStack(names(stack.numbers), count[0])));
        otherByRoot.forEach((root, count) -> stacks.add(new CollapsedStack(
                List.of(frameNames.get(root), OTHER), count[0])));
        stacks.sort(Comparator.comparingLong(CollapsedStack::samples).reversed()
                .thenComparing(CollapsedStack::line));
        return new ProfileSnapshot(operation, samples, stacks);
    }

    private List<String> names(int[] numbers) {
        List<String> names = new ArrayList<>(numbers.length);
        for (int number : numbers) {
            names.add(frameNames.get(number));
        }
        return names;
    }

    /** A frame name the profile itself writes ({@link #OTHER}, {@link #TRUNCATED}), not one of the application's. */
    static boolean isMarker(String frame) {
        return frame.startsWith("[");
    }

    /** A stack as frame numbers, compared by content. */
    private record Stack(int[] numbers) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Stack && Arrays.equals(numbers, ((Stack) other).numbers);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(numbers);
        }
    }
}
