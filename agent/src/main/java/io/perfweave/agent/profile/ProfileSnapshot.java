package io.perfweave.agent.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A profile of slow calls as it was when read: immutable, so that a reader can render it at
 * leisure while the sampler goes on adding to the profile.
 *
 * @param operation the operation's name
 * @param samples every sample taken, those under {@link StackProfile#OTHER} included
 * @param stacks the distinct stacks, hottest first
 */
public record ProfileSnapshot(String operation, long samples, List<CollapsedStack> stacks) {
    public ProfileSnapshot {
        stacks = List.copyOf(stacks);
    }

    /** Every stack as a line of collapsed text ({@code frame;frame;frame count}), hottest first. */
    public String collapsedText() {
        StringBuilder text = new StringBuilder();
        for (CollapsedStack stack : stacks) {
            text.append(stack.line()).append('\n');
        }
        return text.toString();
    }

    /**
     * The frame that best names where the slow calls spend their time, with the share of samples
     * whose stack contains it; empty when no sample reaches below the operation's own method.
     *
     * <p>Each sample is attributed to the deepest frame of the application on its stack (not the
     * JDK's, whose {@code HashMap.get} or {@code Math.min} is everywhere and says nothing about
     * the application), below the operation's own method; a sample with only JDK frames below that
     * method is attributed to its deepest JDK frame. The frame with the most samples attributed
     * wins. Its share, though, counts every sample whose stack contains it, the helpers it calls
     * included: "64 % of the slow-call samples are in {@code DynamicTimeWarping.distance}".
     */
    public Optional<FrameShare> hottestFrame() {
        List<FrameShare> hottest = hottestFrames(1);
        return hottest.isEmpty() ? Optional.empty() : Optional.of(hottest.get(0));
    }

    /** The frames ranked as {@link #hottestFrame()} ranks them, at most {@code limit}. */
    public List<FrameShare> hottestFrames(int limit) {
        Map<String, Long> attributed = new HashMap<>();
        Map<String, Long> containing = new HashMap<>();
        for (CollapsedStack stack : stacks) {
            List<String> frames = stack.frames();
            String blamed = blamedFrame(frames);
            if (blamed == null) {
                continue;
            }
            attributed.merge(blamed, stack.samples(), Long::sum);
            Set<String> seen = new HashSet<>();
            for (int i = 1; i < frames.size(); i++) {
                if (seen.add(frames.get(i))) {
                    containing.merge(frames.get(i), stack.samples(), Long::sum);
                }
            }
        }
        List<String> ranked = new ArrayList<>(attributed.keySet());
        ranked.sort(Comparator.comparing((String frame) -> attributed.get(frame)).reversed()
                .thenComparing(frame -> containing.get(frame), Comparator.reverseOrder())
                .thenComparing(Comparator.naturalOrder()));
        List<FrameShare> shares = new ArrayList<>();
        for (String frame : ranked.subList(0, Math.min(limit, ranked.size()))) {
            long inside = containing.get(frame);
            shares.add(new FrameShare(frame, inside, samples == 0 ? 0 : 100.0 * inside / samples));
        }
        return shares;
    }

    /** The frame a sample's time is put down to (see {@link #hottestFrame()}); null for none. */
    private static String blamedFrame(List<String> frames) {
        for (int i = frames.size() - 1; i >= 1; i--) {
            if (!isJdkFrame(frames.get(i)) && !StackProfile.isMarker(frames.get(i))) {
                return frames.get(i);
            }
        }
        for (int i = frames.size() - 1; i >= 1; i--) {
            if (!StackProfile.isMarker(frames.get(i))) {
                return frames.get(i);
            }
        }
        return null;
    }

    static boolean isJdkFrame(String frame) {
        return frame.startsWith("java.") || frame.startsWith("javax.") || frame.startsWith("jdk.")
                || frame.startsWith("sun.") || frame.startsWith("com.sun.");
    }
}
