package io.perfweave.agent.resources;

import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSProcess;
import oshi.spi.SystemInfoProvider;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the process and the machine through OSHI: one provider for the agent's life, the
 * agent's own process refreshed with {@link OSProcess#updateAttributes()}, and the disks and
 * network interfaces listed once and then refreshed in place (listed anew now and then, so that
 * added devices are seen).
 *
 * <p>On Linux OSHI has a provider that reads {@code /proc} and {@code /sys} without native code;
 * it is preferred, so that the host loads no JNA library (and JDK 24+ print no native-access
 * warning). Elsewhere, or when asked, OSHI works over JNA.
 *
 * <p>On Linux the process's resident memory and threads, the machine's CPU ticks and memory, and
 * the interfaces' byte counters are read from one {@code /proc} file each ({@link LinuxProcFiles}
 * says why), and the process's CPU time, open files and the load average come from the JDK
 * ({@link JvmProbe#fillProcessAndMachine}); OSHI lists the disks and interfaces and reads the
 * disks.
 *
 * <p>Each group of figures is read on its own: one that fails (a permission, an unsupported
 * platform) is reported unavailable and the others still come.
 */
final class OshiProbe {
    /** Devices summed at most, so that a machine with thousands of virtual interfaces costs a bounded time. */
    static final int MAX_DEVICES = 64;
    /** Samples between two listings of the disks and interfaces. */
    static final int RELIST_EVERY = 60;

    private final String provider;
    private final OSProcess process;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final HardwareAbstractionLayer hardware;
    private List<HWDiskStore> disks;
    private List<NetworkIF> networks;
    private Set<String> networkNames;
    /** On Linux, what reads the process, CPU, memory and interface figures instead of OSHI; else null. */
    private final LinuxProcFiles procFiles = LinuxProcFiles.available() ? new LinuxProcFiles() : null;
    private int samplesSinceListing;

    private OshiProbe(SystemInfoProvider system) {
        this.provider = system.getClass().getName().startsWith("oshi.nativefree.") ? "oshi (/proc, no native code)"
                : "oshi (JNA)";
        this.process = system.getOperatingSystem().getCurrentProcess();
        this.hardware = system.getHardware();
        this.processor = hardware.getProcessor();
        this.memory = hardware.getMemory();
    }

    /**
     * Creates the probe; the first queries cost some hundreds of milliseconds, which is why this
     * runs on the agent's sampling thread.
     *
     * @param mode {@code auto} or {@code jna} (see {@code resources.os_probe})
     * @throws LinkageError or RuntimeException when OSHI cannot work here
     */
    static OshiProbe create(String mode) {
        SystemInfoProvider system = null;
        if (mode.equals("auto")) {
            SystemInfoProvider nativeFree = new oshi.nativefree.SystemInfo();
            if (nativeFree.isAvailable()) {
                system = nativeFree;
            }
        }
        if (system == null) {
            system = new oshi.SystemInfo();
        }
        OshiProbe probe = new OshiProbe(system);
        if (probe.process == null) {
            throw new IllegalStateException("OSHI cannot see this process");
        }
        return probe;
    }

    /** Which OSHI provider reads the figures. */
    String provider() {
        return provider;
    }

    void read(RawReading into) {
        if (procFiles != null) {
            readFromProcFiles(into);
        } else {
            readProcess(into);
            try {
                into.systemTicks = processor.getSystemCpuLoadTicks();
                double[] load = processor.getSystemLoadAverage(1);
                into.loadAverage = load.length == 0 || load[0] < 0 ? Double.NaN : load[0];
            } catch (RuntimeException | LinkageError e) {
                into.systemTicks = null;
            }
            try {
                into.memoryTotal = memory.getTotal();
                into.memoryAvailable = memory.getAvailable();
            } catch (RuntimeException | LinkageError e) {
                into.memoryTotal = -1;
            }
        }
        boolean relist = samplesSinceListing++ % RELIST_EVERY == 0;
        into.devicesRelisted = relist;
        readDisks(into, relist);
        readNetworks(into, relist);
    }

    /** Each file on its own, so that one that cannot be read leaves only its figures unknown. */
    private void readFromProcFiles(RawReading into) {
        try {
            procFiles.readStatus(into); // CPU time and open files: the JDK's, see the class comment
        } catch (IOException | RuntimeException e) {
            into.residentBytes = -1;
            into.threads = -1;
        }
        try {
            into.systemTicks = procFiles.cpuTicks();
        } catch (IOException | RuntimeException e) {
            into.systemTicks = null;
        }
        try {
            long[] bytes = procFiles.memory();
            into.memoryTotal = bytes[0];
            into.memoryAvailable = bytes[1];
        } catch (IOException | RuntimeException e) {
            into.memoryTotal = -1;
        }
        if (into.memoryTotal < 0) {
            try {
                into.memoryTotal = memory.getTotal(); // an old kernel without MemAvailable: OSHI works it out
                into.memoryAvailable = memory.getAvailable();
            } catch (RuntimeException | LinkageError e) {
                into.memoryTotal = -1;
            }
        }
    }

    private void readProcess(RawReading into) {
        try {
            if (!process.updateAttributes()) {
                throw new IllegalStateException("process attributes not updated");
            }
            into.residentBytes = process.getResidentMemory();
            into.cpuTimeNanos = (process.getUserTime() + process.getKernelTime()) * 1_000_000L;
            long open = process.getOpenFiles();
            if (open >= 0) {
                into.openFiles = open;
            }
            into.threads = process.getThreadCount();
        } catch (RuntimeException | LinkageError e) {
            into.residentBytes = -1; // the JDK's figures stand in for the others
        }
    }

    private void readDisks(RawReading into, boolean relist) {
        try {
            if (relist || disks == null) {
                disks = bounded(hardware.getDiskStores());
            }
            long read = 0;
            long written = 0;
            for (HWDiskStore disk : disks) {
                if (!relist) {
                    disk.updateAttributes(); // a fresh listing has just read them
                }
                read += disk.getReadBytes();
                written += disk.getWriteBytes();
            }
            into.diskReadBytes = read;
            into.diskWriteBytes = written;
        } catch (RuntimeException | LinkageError e) {
            disks = null;
        }
    }

    private void readNetworks(RawReading into, boolean relist) {
        try {
            if (relist || networks == null) {
                // interfaces without a hardware address (loopback) carry no traffic of the machine's
                networks = bounded(hardware.getNetworkIFs(false));
                networkNames = new HashSet<>();
                networks.forEach(network -> networkNames.add(network.getName()));
            } else if (procFiles != null && !networks.isEmpty()) {
                long[] bytes = procFiles.networkBytes(networkNames);
                if (bytes[0] >= 0) {
                    into.networkReceivedBytes = bytes[0];
                    into.networkSentBytes = bytes[1];
                    return;
                } // else not listed there under OSHI's names: refreshed through OSHI below
            }
            long received = 0;
            long sent = 0;
            for (NetworkIF network : networks) {
                if (!relist) {
                    network.updateAttributes();
                }
                received += network.getBytesRecv();
                sent += network.getBytesSent();
            }
            into.networkReceivedBytes = received;
            into.networkSentBytes = sent;
        } catch (IOException | RuntimeException | LinkageError e) {
            networks = null;
        }
    }

    private static <T> List<T> bounded(List<T> devices) {
        return devices.size() <= MAX_DEVICES ? List.copyOf(devices) : List.copyOf(devices.subList(0, MAX_DEVICES));
    }
}
