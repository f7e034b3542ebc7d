package io.perfweave.agent.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackProfileTest {
    private static List<String> stack(String... frames) {
        return List.of(frames);
    }

    @Test
    void samplesOfTheSameStackAreCountedTogetherAndServedHottestFirst() {
        StackProfile profile = new StackProfile("op");
        for (int i = 0; i < 3; i++) {
            profile.add(stack("a.App.run", "a.App.helper"), 100);
        }
        profile.add(stack("a.App.run"), 100);
        profile.add(stack("a.App.run", "a.App.other", "java.lang.Math.min"), 100);
        profile.add(stack("a.App.run", "a.App.other", "java.lang.Math.min"), 100);
        ProfileSnapshot snapshot = profile.snapshot();
        assertEquals(6, snapshot.samples());
        assertEquals("a.App.run;a.App.helper 3\na.App.run;a.App.other;java.lang.Math.min 2\na.App.run 1\n",
                snapshot.collapsedText());
    }

    @Test
    void tenThousandDistinctStacksKeepTheBoundAndLoseNoSample() {
        StackProfile profile = new StackProfile("op");
        int maxStacks = 2000;
        for (int i = 0; i < 10_000; i++) {
            profile.add(stack("a.App.run", "a.Generated.m" + i, "a.Leaf.l" + i), maxStacks);
        }
        assertEquals(maxStacks, profile.distinctStacks());
        // the kept stacks' frames and the root: the frames of stacks not kept are not stored
        assertEquals(1 + 2 * maxStacks, profile.distinctFrames());
        ProfileSnapshot snapshot = profile.snapshot();
        assertEquals(10_000, snapshot.samples());
        assertEquals(10_000, snapshot.stacks().stream().mapToLong(CollapsedStack::samples).sum());
        assertEquals(maxStacks + 1, snapshot.stacks().size());
        CollapsedStack other = snapshot.stacks().get(0);
        assertEquals(List.of("a.App.run", StackProfile.OTHER), other.frames());
        assertEquals(8000, other.samples());
        // a stack already kept still counts as itself once the bound is reached
        profile.add(stack("a.App.run", "a.Generated.m0", "a.Leaf.l0"), maxStacks);
        assertTrue(profile.snapshot().collapsedText().contains("a.App.run;a.Generated.m0;a.Leaf.l0 2\n"));
    }

    @Test
    void aDeepStackIsCutAtTheDepthBound() {
        List<String> deep = new ArrayList<>();
        for (int i = 0; i < StackProfile.MAX_DEPTH + 100; i++) {
            deep.add("a.Recursive.f");
        }
        StackProfile profile = new StackProfile("op");
        profile.add(deep, 10);
        List<String> kept = profile.snapshot().stacks().get(0).frames();
        assertEquals(StackProfile.MAX_DEPTH, kept.size());
        assertEquals(StackProfile.TRUNCATED, kept.get(kept.size() - 1));
    }

    @Test
    void resetForgetsEverySample() {
        StackProfile profile = new StackProfile("op");
        profile.add(stack("a.App.run", "a.App.helper"), 1);
        profile.add(stack("a.App.run", "a.App.other"), 1);
        profile.reset();
        assertEquals(0, profile.samples());
        assertEquals("", profile.snapshot().collapsedText());
        assertEquals(0, profile.distinctFrames());
    }
}
