package io.perfweave.agent.judge;

import io.perfweave.agent.config.Levels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelTest {
    /** The seeds' API response time benchmark: target < 200 ms, warning > 500 ms, critical > 1000 ms. */
    private static final Levels RESPONSE_TIME = new Levels(200.0, 500.0, 1000.0);
    /** A success rate: target 99 %, warning below 95 %, critical below 90 %. */
    private static final Levels SUCCESS_RATE = new Levels(99.0, 95.0, 90.0);

    @Test
    void aDurationIsJudgedByTheWorstLevelItIsPast() {
        assertEquals(Level.TARGET, Level.of(RESPONSE_TIME, 150.0, false));
        assertEquals(Level.OFF_TARGET, Level.of(RESPONSE_TIME, 350.0, false));
        assertEquals(Level.WARNING, Level.of(RESPONSE_TIME, 750.0, false));
        assertEquals(Level.CRITICAL, Level.of(RESPONSE_TIME, 1500.0, false));
    }

    @Test
    void aLimitIsTheWorstAcceptableValueItself() {
        assertEquals(Level.TARGET, Level.of(RESPONSE_TIME, 200.0, false));
        assertEquals(Level.OFF_TARGET, Level.of(RESPONSE_TIME, 500.0, false));
        assertEquals(Level.WARNING, Level.of(RESPONSE_TIME, 1000.0, false));
        assertEquals(Level.TARGET, Level.of(SUCCESS_RATE, 99.0, true));
    }

    @Test
    void whereHigherIsBetterTheLevelsAreCrossedGoingDown() {
        assertEquals(Level.TARGET, Level.of(SUCCESS_RATE, 100.0, true));
        assertEquals(Level.OFF_TARGET, Level.of(SUCCESS_RATE, 97.0, true));
        assertEquals(Level.WARNING, Level.of(SUCCESS_RATE, 92.0, true));
        assertEquals(Level.CRITICAL, Level.of(SUCCESS_RATE, 50.0, true));
    }

    @Test
    void onlyTheLevelsThatAreSetCount() {
        Levels targetOnly = new Levels(2000.0, null, null);
        assertEquals(Level.OFF_TARGET, Level.of(targetOnly, 1e9, false));
        assertEquals(2000.0, Level.limitOf(targetOnly));
        Levels warningOnly = new Levels(null, 500.0, null);
        assertEquals(Level.TARGET, Level.of(warningOnly, 499.0, false));
        assertEquals(Level.WARNING, Level.of(warningOnly, 501.0, false));
        assertEquals(500.0, Level.limitOf(warningOnly));
        assertEquals(1000.0, Level.limitOf(new Levels(null, null, 1000.0)));
    }

    @Test
    void nothingToJudgeIsNoDataAndMet() {
        assertEquals(Level.NO_DATA, Level.of(RESPONSE_TIME, null, false));
        assertEquals(Level.NO_DATA, Level.of(RESPONSE_TIME, Double.NaN, false));
        assertTrue(Level.NO_DATA.met());
        assertTrue(Level.TARGET.met());
        assertFalse(Level.OFF_TARGET.met());
        assertFalse(Level.WARNING.met());
        assertFalse(Level.CRITICAL.met());
    }
}
