package io.llgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark runs on, as its reports state it: cores, CPU model, JDK and the load average. */
final class Machine {
    private Machine() {
    }

    /** "2 cores, &lt;CPU model&gt;, &lt;vendor&gt; &lt;JVM&gt; &lt;version&gt;". */
    static String description() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + System.getProperty("java.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    /** This process's memory: resident now and at its peak (/proc/self/status), and the Java heap. */
    record Memory(long rssBytes, long peakRssBytes, long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes) {
    }

    /** This process's memory as it stands now. */
    static Memory memory() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            return new Memory(statusKb(status, "VmRSS:") * 1024, statusKb(status, "VmHWM:") * 1024, heap.getUsed(),
                    heap.getCommitted(), heap.getMax());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long statusKb(List<String> status, String field) {
        return status.stream().filter(l -> l.startsWith(field))
                .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").strip()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/self/status"));
    }

    /**
     * CPU time this process has used, user and system, in nanoseconds: divided by the operations of a run, what each
     * cost, a figure that others' load on a shared machine changes far less than a rate.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The 1, 5 and 15-minute load averages from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
