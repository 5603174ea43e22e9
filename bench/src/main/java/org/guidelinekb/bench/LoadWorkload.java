package org.guidelinekb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulk load, side by side on the same files into a fresh TDB2 folder each, as whole processes (JVM start included,
 * default JVM options for both): ours ({@code gkb load --no-bundled --data DIR FILE...}: parse, SHACL shapes per
 * file, the sparql/checks queries over the new content and what it links to, one write with the catalog and
 * provenance) against Jena's {@code tdb2.tdbloader --loc DIR FILE...} (parse and bulk-load, no validation).
 */
public final class LoadWorkload {
    private LoadWorkload() {}

    private static final Pattern TRIPLES = Pattern.compile("\\((\\d+) triples");

    /** One timed load process. */
    public record Timing(long triples, double millis) {
        public double seconds() {
            return millis / 1000.0;
        }
    }

    /** Ours: {@code java <launch> load --no-bundled --data dir FILE...}; the triples are read from its report lines. */
    public static Timing ours(List<String> launch, List<Path> files, Path dir) {
        List<String> cmd = new ArrayList<>(launch);
        cmd.addAll(List.of("load", "--no-bundled", "--data", dir.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Run r = run(cmd, dir);
        Matcher m = TRIPLES.matcher(r.output);
        long triples = 0;
        while (m.find()) triples += Long.parseLong(m.group(1));
        return new Timing(triples, r.millis);
    }

    /** The peer: {@code java -cp fuseki.jar tdb2.tdbloader --loc dir FILE...}. */
    public static Timing tdbloader(Path fusekiJar, List<Path> files, long triples, Path dir) {
        List<String> cmd = new ArrayList<>(List.of("-cp", fusekiJar.toString(), "tdb2.tdbloader", "--loc", dir.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        return new Timing(triples, run(cmd, dir).millis);
    }

    private record Run(double millis, String output) {}

    /** Runs {@code java ARGS} into a fresh {@code dir} (deleted afterwards); fails unless it exits 0 within 30 minutes. */
    private static Run run(List<String> javaArgs, Path dir) {
        BenchStore.deleteTree(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaArgs);
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("load did not finish in 30 minutes: " + cmd);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            String out = Files.readString(log);
            if (p.exitValue() != 0) throw new IllegalStateException("load exited " + p.exitValue() + ": " + cmd + "\n" + out);
            return new Run(ms, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            BenchStore.deleteTree(dir);
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a left-over log under the work folder goes with it at the end of the run
            }
        }
    }
}
