package io.perfweave.agent.resources;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResourceMathTest {
    @Test
    void processCpuIsCpuTimePerWallTimeWhereOneBusyCoreIsAHundred() {
        assertEquals(50.0, ResourceMath.cpuPercent(1_000_000_000L, 1_500_000_000L, 1_000_000_000L), 1e-9);
        // two busy cores over a second: 200, as psutil reports a multi-threaded process
        assertEquals(200.0, ResourceMath.cpuPercent(0, 2_000_000_000L, 1_000_000_000L), 1e-9);
    }

    @Test
    void processCpuIsUnknownWithoutATimeOrWhenTheCounterWentBack() {
        assertNull(ResourceMath.cpuPercent(-1, 5, 10));
        assertNull(ResourceMath.cpuPercent(5, -1, 10));
        assertNull(ResourceMath.cpuPercent(5, 6, 0));
        assertNull(ResourceMath.cpuPercent(6, 5, 10));
    }

    @Test
    void systemCpuCountsEveryTickButIdleAndIoWaitAsBusy() {
        long[] before = {100, 0, 50, 800, 50, 0, 0, 0};
        // +60 user, +20 system, +100 idle, +20 iowait: 80 busy of 200
        long[] after = {160, 0, 70, 900, 70, 0, 0, 0};
        assertEquals(40.0, ResourceMath.systemCpuPercent(before, after), 1e-9);
        // without a previous reading: since boot, 230 busy of 1200
        assertEquals(100.0 * 230 / 1200, ResourceMath.systemCpuPercent(null, after), 1e-9);
    }

    @Test
    void systemCpuIsUnknownWhenNoTickPassedOrTheReadingsDoNotMatch() {
        long[] ticks = {1, 2, 3, 4, 5, 6, 7, 8};
        assertNull(ResourceMath.systemCpuPercent(ticks, ticks.clone()));
        assertNull(ResourceMath.systemCpuPercent(new long[] {1, 2, 3}, ticks));
        assertNull(ResourceMath.systemCpuPercent(null, null));
    }

    @Test
    void ratesArePerSecondAndUnknownForACounterThatWentBack() {
        assertEquals(2048.0, ResourceMath.rate(1024, 2048, 500_000_000L), 1e-9);
        assertNull(ResourceMath.rate(2048, 1024, 500_000_000L));
        assertNull(ResourceMath.rate(-1, 1024, 500_000_000L));
    }

    @Test
    void megabytesAreOfTwoToTheTwentyBytes() {
        assertEquals(200.0, ResourceMath.megabytes(200L * 1024 * 1024), 1e-12);
        assertNull(ResourceMath.megabytes(-1));
        assertEquals(75.0, ResourceMath.percentUsed(400, 100), 1e-12);
        assertNull(ResourceMath.percentUsed(0, 0));
    }
}
