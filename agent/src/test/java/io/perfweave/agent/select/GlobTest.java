package io.perfweave.agent.select;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {
    @Test
    void singleStarStaysInsideOnePackageSegment() {
        Glob glob = Glob.of("com.acme.*.PatternEngine");
        assertTrue(glob.matches("com.acme.intelligence.PatternEngine"));
        assertFalse(glob.matches("com.acme.a.b.PatternEngine"));
        assertEquals("com.acme.", glob.literalPrefix());
    }

    @Test
    void doubleStarCrossesPackages() {
        Glob glob = Glob.of("com.acme.**.*Engine");
        assertTrue(glob.matches("com.acme.a.b.PatternEngine"));
        assertTrue(glob.matches("com.acme.x.DecisionEngine"));
        assertFalse(glob.matches("org.acme.x.DecisionEngine"));
    }

    @Test
    void exactNamesAndSpecialCharactersAreLiteral() {
        assertTrue(Glob.of("a.B$C").matches("a.B$C"));
        assertTrue(Glob.of("a.B$C").isExact());
        assertFalse(Glob.of("a.B").matches("aXB"));
        assertTrue(Glob.of("get?").matches("getX"));
        assertTrue(Glob.of("lambda$*").matches("lambda$main$0"));
    }
}
