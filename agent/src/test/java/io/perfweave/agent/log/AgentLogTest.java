package io.perfweave.agent.log;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentLogTest {
    /** The hand-written timestamp is what java.time writes for the same instant, to the millisecond. */
    @Test
    void timestampsAreIso8601InUtcToTheMillisecond() {
        long[] instants = {0L, 1L, 999L, 59_999L, 86_399_999L, 951_782_400_000L /* 2000-02-29 */, 1_796_185_961_365L,
                253_402_300_799_999L /* 9999-12-31T23:59:59.999 */, -1L};
        for (long millis : instants) {
            Instant instant = Instant.ofEpochMilli(millis);
            String expected = instant.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "")
                    + String.format(".%03dZ", Math.floorMod(millis, 1000L));
            assertEquals(expected, AgentLog.timestamp(millis), "at " + millis);
        }
    }
}
