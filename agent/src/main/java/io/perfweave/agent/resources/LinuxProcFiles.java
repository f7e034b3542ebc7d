package io.perfweave.agent.resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The few Linux {@code /proc} figures the sampler needs each second, read from the start of one
 * small file each into a buffer it keeps, and parsed in place: the process's resident memory and
 * threads ({@code /proc/self/status}), the machine's CPU ticks (the first line of
 * {@code /proc/stat}), its total and available memory ({@code /proc/meminfo}) and the byte
 * counters of network interfaces ({@code /proc/net/dev}).
 *
 * <p>Why not OSHI for these: refreshing its process and interface objects reads a dozen or more
 * files per sample for figures the agent does not report, and it reads whole files into lines
 * (all of {@code /proc/stat}, whose interrupt lines are long). Code that runs once a second stays
 * interpreted for minutes, so on an idle host that was most of what the agent cost (about 1.5 ms
 * of CPU and some hundreds of kB allocated per sample). The counters are the kernel's, the same
 * OSHI reports. Not thread-safe: the sampler's one thread uses it.
 */
final class LinuxProcFiles {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path NET_DEV = Path.of("/proc/net/dev");
    /** Ticks taken from the {@code cpu} line: user, nice, system, idle, iowait, irq, softirq, steal (as OSHI). */
    static final int CPU_TICKS = 8;

    /** Big enough for {@code /proc/self/status} and for {@code /proc/net/dev} of some hundred interfaces. */
    private final byte[] buffer = new byte[64 * 1024];
    private int length;

    /** Whether this machine has the files (Linux). */
    static boolean available() {
        return Files.isReadable(STATUS) && Files.isReadable(STAT) && Files.isReadable(MEMINFO) && Files.isReadable(NET_DEV);
    }

    void readStatus(RawReading into) throws IOException {
        load(STATUS, buffer.length);
        parseStatus(into);
    }

    /** The machine's cumulative CPU ticks; null when the line is not as expected. */
    long[] cpuTicks() throws IOException {
        load(STAT, 512); // the first line is all that is needed
        return parseCpuTicks();
    }

    /** {total, available} bytes; -1 each when the lines are missing. */
    long[] memory() throws IOException {
        load(MEMINFO, 1024);
        return parseMemory();
    }

    /** Received and sent bytes summed over the interfaces named; -1 each when none of them is listed. */
    long[] networkBytes(Collection<String> interfaces) throws IOException {
        load(NET_DEV, buffer.length);
        return parseNetDev(interfaces);
    }

    private void load(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(buffer, 0, limit);
        }
    }

    /** For tests: parse {@code text} as if it had been read. */
    LinuxProcFiles given(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        length = bytes.length;
        return this;
    }

    /** {@code VmRSS:  1234 kB} and {@code Threads:  24}; a line that is missing leaves its figure unknown. */
    void parseStatus(RawReading into) {
        long rssKb = numberAfter(lineStarting("VmRSS:", 0));
        into.residentBytes = rssKb < 0 ? -1 : rssKb * 1024;
        long threads = numberAfter(lineStarting("Threads:", 0));
        into.threads = threads < 0 ? -1 : (int) threads;
    }

    long[] parseCpuTicks() {
        int at = lineStarting("cpu ", 0);
        if (at < 0) {
            return null;
        }
        long[] ticks = new long[CPU_TICKS];
        int i = at;
        for (int t = 0; t < CPU_TICKS; t++) {
            i = skipSpaces(i);
            if (i >= length || !isDigit(buffer[i])) {
                return null;
            }
            long value = 0;
            for (; i < length && isDigit(buffer[i]); i++) {
                value = value * 10 + (buffer[i] - '0');
            }
            ticks[t] = value;
        }
        return ticks;
    }

    long[] parseMemory() {
        long total = numberAfter(lineStarting("MemTotal:", 0));
        long available = numberAfter(lineStarting("MemAvailable:", 0));
        return total < 0 || available < 0 ? new long[] {-1, -1} : new long[] {total * 1024, available * 1024};
    }

    /**
     * Lines {@code name: rx_bytes rx_packets ... (8 receive fields) tx_bytes ...} after two header
     * lines; the interface names are those OSHI listed.
     */
    long[] parseNetDev(Collection<String> interfaces) {
        long received = 0;
        long sent = 0;
        boolean found = false;
        int line = 0;
        while (line < length) {
            int end = line;
            while (end < length && buffer[end] != '\n') {
                end++;
            }
            int colon = line;
            while (colon < end && buffer[colon] != ':') {
                colon++;
            }
            if (colon < end) {
                int nameStart = skipSpaces(line);
                String name = new String(buffer, nameStart, colon - nameStart, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
                if (interfaces.contains(name)) {
                    long[] fields = new long[9];
                    int i = colon + 1;
                    int f = 0;
                    for (; f < fields.length; f++) {
                        i = skipSpaces(i);
                        if (i >= end || !isDigit(buffer[i])) {
                            break;
                        }
                        for (; i < end && isDigit(buffer[i]); i++) {
                            fields[f] = fields[f] * 10 + (buffer[i] - '0');
                        }
                    }
                    if (f == fields.length) {
                        received += fields[0];
                        sent += fields[8];
                        found = true;
                    }
                }
            }
            line = end + 1;
        }
        return found ? new long[] {received, sent} : new long[] {-1, -1};
    }

    /** Where the text after {@code label} starts, on a line that begins with it; -1 when there is none. */
    private int lineStarting(String label, int from) {
        for (int line = from; line < length; ) {
            if (startsWith(line, label)) {
                return line + label.length();
            }
            while (line < length && buffer[line] != '\n') {
                line++;
            }
            line++;
        }
        return -1;
    }

    private boolean startsWith(int at, String label) {
        if (at + label.length() > length) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            if (buffer[at + i] != label.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The whole number after {@code at} and any blanks, or -1 (also for {@code at} -1). */
    private long numberAfter(int at) {
        if (at < 0) {
            return -1;
        }
        int i = skipSpaces(at);
        if (i >= length || !isDigit(buffer[i])) {
            return -1;
        }
        long value = 0;
        for (; i < length && isDigit(buffer[i]); i++) {
            value = value * 10 + (buffer[i] - '0');
        }
        return value;
    }

    private int skipSpaces(int i) {
        while (i < length && (buffer[i] == ' ' || buffer[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
