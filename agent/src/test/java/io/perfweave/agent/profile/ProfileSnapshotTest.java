package io.perfweave.agent.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileSnapshotTest {
    private static CollapsedStack stack(long samples, String... frames) {
        return new CollapsedStack(List.of(frames), samples);
    }

    @Test
    void theHottestFrameIsTheDeepestApplicationFrameOfMostSamplesWithItsShareOfSamplesContainingIt() {
        ProfileSnapshot profile = new ProfileSnapshot("full_pattern_analysis", 100, List.of(
                stack(40, "x.PatternEngine.analyze", "x.SimilarityAnalyzer.find", "x.DynamicTimeWarping.distance",
                        "java.lang.Math.min"),
                stack(24, "x.PatternEngine.analyze", "x.SimilarityAnalyzer.find", "x.DynamicTimeWarping.distance"),
                stack(20, "x.PatternEngine.analyze", "x.SimilarityAnalyzer.find", "java.util.ArrayList.add"),
                stack(10, "x.PatternEngine.analyze", "x.VelocityAnalyzer.trend"),
                stack(6, "x.PatternEngine.analyze")));
        FrameShare hottest = profile.hottestFrame().orElseThrow();
        // the JDK's Math.min is not the answer, nor SimilarityAnalyzer.find, which only calls it
        assertEquals("x.DynamicTimeWarping.distance", hottest.frame());
        assertEquals(64, hottest.samples());
        assertEquals(64.0, hottest.percent(), 1e-9);
        List<FrameShare> ranked = profile.hottestFrames(5);
        assertEquals(List.of("x.DynamicTimeWarping.distance", "x.SimilarityAnalyzer.find", "x.VelocityAnalyzer.trend"),
                ranked.stream().map(FrameShare::frame).toList());
        assertEquals(84.0, ranked.get(1).percent(), 1e-9);
    }

    @Test
    void jdkFramesAreTheAnswerOnlyWhenNothingOfTheApplicationLiesBelowTheRoot() {
        ProfileSnapshot profile = new ProfileSnapshot("sleepy", 5, List.of(
                stack(5, "x.Job.run", "java.lang.Thread.sleep")));
        assertEquals("java.lang.Thread.sleep", profile.hottestFrame().orElseThrow().frame());
    }

    @Test
    void theRootAloneOrNoSampleHasNoHottestFrame() {
        assertTrue(new ProfileSnapshot("op", 3, List.of(stack(3, "x.Job.run"))).hottestFrame().isEmpty());
        assertTrue(new ProfileSnapshot("op", 0, List.of()).hottestFrame().isEmpty());
        assertTrue(new ProfileSnapshot("op", 3, List.of(stack(3, "x.Job.run", StackProfile.OTHER))).hottestFrame().isEmpty());
    }

    @Test
    void aFrameThatRecursCountsOncePerSample() {
        ProfileSnapshot profile = new ProfileSnapshot("op", 4, List.of(
                stack(4, "x.Job.run", "x.Tree.walk", "x.Tree.walk", "x.Tree.walk")));
        assertEquals(4, profile.hottestFrame().orElseThrow().samples());
        assertEquals(100.0, profile.hottestFrame().orElseThrow().percent(), 1e-9);
    }

    @Test
    void aFramesSimpleNameDropsThePackageOnly() {
        assertEquals("DynamicTimeWarping.distance",
                new FrameShare("io.x.intelligence.DynamicTimeWarping.distance", 1, 100).simpleFrame());
        assertEquals("App$Checksum.crunch", new FrameShare("a.App$Checksum.crunch", 1, 100).simpleFrame());
        assertEquals("Top.run", new FrameShare("Top.run", 1, 100).simpleFrame());
    }
}
