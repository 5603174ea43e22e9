package org.guidelinekb.bench.proc;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU pinning with {@code taskset} (util-linux): on a 2-core machine the server gets CPU 0 and the load generator
 * (this JVM, all its threads) CPU 1, the same for every peer, so ratios stay fair. Without taskset nothing is pinned
 * and the report says so.
 */
public final class Affinity {
    /**
     * The CPUs this JVM may use, read once before anything is pinned: once pinned, availableProcessors() counts only
     * the pinned CPUs.
     */
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    private Affinity() {}

    /** How many CPUs this JVM could use before any pinning here (the machine's cores, unless started pinned). */
    public static int cpus() {
        return CPUS;
    }

    public static boolean available() {
        return run(List.of("taskset", "-p", Long.toString(ProcessHandle.current().pid())));
    }

    /** Pins every thread of this JVM to {@code cpus} (e.g. "1"); false when that failed. */
    public static boolean pinSelf(String cpus) {
        return run(List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid())));
    }

    /**
     * The CPUs for server processes when the load generator keeps one for itself: every CPU but the last ("0" on 2
     * cores, "0-6" on 8); null (not pinned) on a single CPU.
     */
    public static String serverCpus() {
        return CPUS < 2 ? null : CPUS == 2 ? "0" : "0-" + (CPUS - 2);
    }

    /** The CPU for the load generator (this JVM): the last one. */
    public static String clientCpus() {
        return Integer.toString(CPUS - 1);
    }

    /** Lets this JVM use every CPU again. */
    public static void unpinSelf() {
        run(List.of("taskset", "-a", "-p", "-c", "0-" + (CPUS - 1),
                Long.toString(ProcessHandle.current().pid())));
    }

    private static boolean run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
