package org.guidelinekb.bench.proc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures: resident size of a process, and this JVM's heap after full GCs. */
public final class Memory {
    private Memory() {}

    /** VmRSS of a process in MiB; NaN where /proc is missing. */
    public static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Heap in use after full collections, in MiB (several System.gc() calls until it settles). */
    public static double heapAfterGcMb() {
        var bean = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = bean.getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < (1 << 20)) return used / (1024.0 * 1024.0);
            last = used;
        }
        return last / (1024.0 * 1024.0);
    }
}
