package io.perfweave.agent.resources;

import org.junit.jupiter.api.Test;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSProcess;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LinuxProcFilesTest {
    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "Umask:\t0022",
            "State:\tS (sleeping)",
            "VmPeak:\t 8123456 kB",
            "VmRSS:\t  254012 kB",
            "RssAnon:\t  200000 kB",
            "Threads:\t24",
            "SigQ:\t0/95000",
            "");

    private static final String NET_DEV = String.join("\n",
            "Inter-|   Receive                                                |  Transmit",
            " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
            "    lo: 9000000   12000    0    0    0     0          0         0  9000000   12000    0    0    0     0       0          0",
            "  eth0: 1234567    2345    0    0    0     0          0         0   765432    1234    0    0    0     0       0          0",
            "docker0:     100       1    0    0    0     0          0         0      200       2    0    0    0     0       0          0",
            "");

    @Test
    void theStatusFileGivesResidentMemoryInBytesAndTheThreads() {
        RawReading reading = new RawReading(0);
        new LinuxProcFiles().given(STATUS).parseStatus(reading);
        assertEquals(254012L * 1024, reading.residentBytes);
        assertEquals(24, reading.threads);
    }

    @Test
    void aStatusWithoutTheLinesLeavesTheFiguresUnknown() {
        RawReading reading = new RawReading(0);
        new LinuxProcFiles().given("Name:\tjava\nVmRSSx: 12 kB\nXThreads:\t3\n").parseStatus(reading);
        assertEquals(-1, reading.residentBytes);
        assertEquals(-1, reading.threads);
    }

    @Test
    void theInterfacesNamedAreSummedAndTheOthersLeftOut() {
        assertArrayEquals(new long[] {1234567 + 100, 765432 + 200},
                new LinuxProcFiles().given(NET_DEV).parseNetDev(Set.of("eth0", "docker0")));
        assertArrayEquals(new long[] {-1, -1}, new LinuxProcFiles().given(NET_DEV).parseNetDev(Set.of("wlan0")));
    }

    @Test
    void theFirstCpuLineGivesTheTicksInOshisOrderWithoutTheGuestTimes() {
        String stat = "cpu  4705 150 1120 16250 520 0 30 7 100 0\ncpu0 2000 50 500 8000 200 0 10 3 0 0\nintr 123 4 5\n";
        assertArrayEquals(new long[] {4705, 150, 1120, 16250, 520, 0, 30, 7}, new LinuxProcFiles().given(stat).parseCpuTicks());
        assertEquals(null, new LinuxProcFiles().given("cpu0 1 2 3\n").parseCpuTicks());
        assertEquals(null, new LinuxProcFiles().given("cpu  1 2 3\n").parseCpuTicks(), "a short line is not taken");
    }

    @Test
    void meminfoGivesTotalAndAvailableInBytes() {
        String meminfo = "MemTotal:       24684084 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\nBuffers: 1 kB\n";
        assertArrayEquals(new long[] {24684084L * 1024, 20000000L * 1024}, new LinuxProcFiles().given(meminfo).parseMemory());
        assertArrayEquals(new long[] {-1, -1}, new LinuxProcFiles().given("MemTotal: 5 kB\nMemFree: 1 kB\n").parseMemory(),
                "without MemAvailable (kernels before 3.14) it is left to OSHI");
    }

    @Test
    void onLinuxTheFilesAgreeWithOshi() throws Exception {
        assumeTrue(LinuxProcFiles.available(), "Linux only");
        oshi.spi.SystemInfoProvider system = new oshi.nativefree.SystemInfo();
        OSProcess process = system.getOperatingSystem().getCurrentProcess();
        LinuxProcFiles files = new LinuxProcFiles();
        RawReading reading = new RawReading(0);
        files.readStatus(reading);
        long oshiRss = process.getResidentMemory();
        assertTrue(Math.abs(reading.residentBytes - oshiRss) < 0.25 * oshiRss, reading.residentBytes + " vs OSHI " + oshiRss);
        assertTrue(Math.abs(reading.threads - process.getThreadCount()) <= 4, reading.threads + " vs OSHI " + process.getThreadCount());

        List<NetworkIF> interfaces = system.getHardware().getNetworkIFs(false);
        assumeTrue(!interfaces.isEmpty(), "an interface with a hardware address");
        Set<String> names = new HashSet<>();
        long oshiReceived = 0;
        for (NetworkIF network : interfaces) {
            names.add(network.getName());
            oshiReceived += network.getBytesRecv();
        }
        long[] bytes = files.networkBytes(names);
        // the same kernel counter, read a moment later: never less, and near
        assertTrue(bytes[0] >= oshiReceived && bytes[0] - oshiReceived < 100_000_000L, bytes[0] + " vs OSHI " + oshiReceived);

        long[] oshiTicks = system.getHardware().getProcessor().getSystemCpuLoadTicks();
        long[] ticks = files.cpuTicks();
        assertEquals(oshiTicks.length, ticks.length);
        // OSHI gives milliseconds, the file clock ticks: the same shares of the machine's time
        for (int i = 0; i < ticks.length; i++) {
            double share = (double) ticks[i] / java.util.Arrays.stream(ticks).sum();
            double oshiShare = (double) oshiTicks[i] / java.util.Arrays.stream(oshiTicks).sum();
            assertEquals(oshiShare, share, 0.01, "tick " + i);
        }
        long[] memory = files.memory();
        assertEquals(system.getHardware().getMemory().getTotal(), memory[0]);
    }
}
