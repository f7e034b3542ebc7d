package io.perfweave.agent.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallStackCutTest {
    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, null, -1);
    }

    private final CallStackCut frames = CallStackCut.of(Set.of("a.Tree#walk(I)V", "a.Tree#walk(J)V"));

    @Test
    void aCallIsCutAtTheOutermostFrameOfItsMethodWithoutTheAgentsFrames() {
        StackTraceElement[] stack = {   // the running frame first, as Thread.getStackTrace answers
                frame("io.perfweave.bootstrap.Timing", "exit"),
                frame("java.lang.Math", "min"),
                frame("a.Tree", "walk"),
                frame("a.Tree", "visit"),
                frame("a.Tree", "walk"),
                frame("a.Main", "main")};
        assertEquals(List.of("a.Tree.walk", "a.Tree.visit", "a.Tree.walk", "java.lang.Math.min"), frames.cut(stack));
    }

    @Test
    void aStackWithoutTheMethodIsNoSample() {
        assertNull(frames.cut(new StackTraceElement[] {frame("a.Main", "idle"), frame("a.Main", "main")}));
    }

    @Test
    void charactersOfTheCollapsedFormatAreReplacedInNames() {
        assertEquals("a.B$$Lambda_1.run_x", CallStackCut.name("a.B$$Lambda;1", "run x"));
    }
}
