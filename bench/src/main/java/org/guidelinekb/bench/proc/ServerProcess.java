package org.guidelinekb.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server run as its own JVM (ours from the built jar, or standalone Fuseki), optionally pinned to CPUs with
 * {@code taskset}, with helpers to wait for it, read its resident size and its heap after a full GC, and stop it.
 * Only processes started here are ever stopped, by their own handle.
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** {@code java [jvmArgs] args...} (pinned to {@code cpus} when taskset is available and cpus is not null). */
    public static ServerProcess start(String cpus, List<String> jvmArgs, List<String> args, int port, Path workDir) {
        List<String> cmd = new ArrayList<>();
        if (cpus != null && Affinity.available()) cmd.addAll(List.of("taskset", "-c", cpus));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(args);
        try {
            Files.createDirectories(workDir);
            Path log = Files.createTempFile(workDir, "server", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("FUSEKI_BASE", workDir.resolve("fuseki-base").toString());
            return new ServerProcess(pb.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Polls {@code request} until {@code ok} accepts the answer; returns the milliseconds since {@code sinceNanos}. */
    public double awaitReady(HttpClient client, HttpRequest request, Predicate<HttpResponse<String>> ok, long sinceNanos, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) throw new IllegalStateException("server exited (" + process.exitValue() + "); log:\n" + log());
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (ok.test(r)) return (System.nanoTime() - sinceNanos) / 1e6;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("server not ready within " + max + "; log:\n" + log());
    }

    /** GET {@code url} answers 200. */
    public double awaitGet(HttpClient client, String url, Duration max) {
        return awaitReady(client, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                r -> r.statusCode() == 200, System.nanoTime(), max);
    }

    /** Resident set size in MiB, from /proc/PID/status (VmRSS); NaN where /proc is missing. */
    public double rssMb() {
        return Memory.rssMb(process.pid());
    }

    /** Heap in use after a full GC, in MiB (jcmd GC.run then GC.heap_info); NaN when jcmd is missing. */
    public double heapAfterGcMb() {
        String pid = Long.toString(process.pid());
        if (run(List.of(jcmd(), pid, "GC.run")) == null) return Double.NaN;
        String info = run(List.of(jcmd(), pid, "GC.heap_info"));
        if (info == null) return Double.NaN;
        // G1 prints one heap line; Serial and Parallel one per generation: add every "used" before Metaspace
        int meta = info.indexOf("Metaspace");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(meta < 0 ? info : info.substring(0, meta));
        long kb = 0;
        boolean found = false;
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? kb / 1024.0 : Double.NaN;
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
