package org.guidelinekb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bench/run [--quick]}: prepares the data, runs every benchmark with its peer side by side, and writes
 * {@code report.md} and {@code report.json}. Run from the project root (bench/run does), after the jar is built.
 *
 * <pre>
 * java -cp BENCH_CLASSPATH org.guidelinekb.bench.BenchMain --quick --jar target/gkb.jar \
 *      --fuseki-jar target/peers/jena-fuseki-server.jar --out target/bench
 * </pre>
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        Map<String, String> opts = parse(args);
        Plan plan = opts.containsKey("quick") ? Plan.quick() : Plan.full();
        Path out = Path.of(opts.getOrDefault("out", "target/bench"));
        Path work = out.resolve("work");
        Path jar = Path.of(opts.getOrDefault("jar", "target/gkb.jar"));
        Path fuseki = Path.of(opts.getOrDefault("fuseki-jar", "target/peers/jena-fuseki-server.jar"));
        List<String> only = opts.containsKey("only") ? Arrays.asList(opts.get("only").split(",")) : List.of();
        for (Path p : List.of(jar, fuseki)) {
            if (!Files.exists(p)) throw new IllegalStateException(p + " is missing: build it first (bench/run does)");
        }
        long t0 = System.nanoTime();
        Consumer<String> log = msg -> System.err.printf("bench: [%5.0fs] %s%n", (System.nanoTime() - t0) / 1e9, msg);

        List<String> forkArgs = List.of("-Xms1g", "-Xmx4g");
        String serverOpts = System.getenv().getOrDefault("GKB_BENCH_SERVER_OPTS", ServeDefaults.read(Path.of("gkb")));
        List<String> serverArgs = serverOpts.isBlank() ? List.of() : List.of(serverOpts.trim().split("\\s+"));
        Report report = new Report()
                .header("mode", plan.name())
                .header("date", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)))
                .header("machine", Machine.describe());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("plan", plan.toString());
        settings.put("jmh_fork_jvm_args", forkArgs);
        settings.put("server_jvm_args", serverArgs.isEmpty() ? "(none)" : serverArgs);
        settings.put("jar", jar.toString());
        settings.put("fuseki_jar", fuseki.toString());
        report.header("settings", settings);
        report.note("2 cores: the server and the load generator share the machine (pinned to one CPU each where taskset exists); "
                + "every peer runs with the identical setup, so the ratios are fair, but absolute HTTP rates are lower than on a "
                + "machine with a separate load generator. A JVM pinned to one CPU picks the Serial GC by ergonomics (ours and "
                + "Fuseki alike); the memory and cold-start servers are not pinned.");

        Datasets data = Datasets.prepare(work, plan, log);
        report.header("datasets", data.description);
        Jmh jmh = new Jmh(plan, forkArgs);
        InProcessPhase inProcess = new InProcessPhase(plan, jmh, data, report, log);
        List<String> ours = ServeDefaults.launch(jar);
        settings.put("class_data_sharing", ours.size() > 2 ? "our processes start with " + ours.get(0) + ", as ./gkb starts them "
                + "(docs/configuration.md); Fuseki as it ships" : "off: no archive beside the jar (bench/run records one for target/)");
        ServerPhase servers = new ServerPhase(plan, ours, fuseki, serverArgs, data, work, report, log);
        List<String> failed = new ArrayList<>();
        phase("evaluation", only, failed, report, log, inProcess::evaluation);
        phase("diff", only, failed, report, log, inProcess::diff);
        phase("heap", only, failed, report, log, inProcess::heapOverEvaluations);
        phase("load", only, failed, report, log, () -> new LoadPhase(plan, ours, fuseki, data, report, log).run(work));
        phase("http", only, failed, report, log, servers::http);
        phase("memory", only, failed, report, log, servers::memory);
        phase("sparql", only, failed, report, log, servers::sparql);
        phase("cold-start", only, failed, report, log, servers::coldStart);
        phase("runaway", only, failed, report, log, new RunawayPhase(plan, servers, data, report, log)::run);
        phase("replicas", only, failed, report, log, new ReplicaPhase(plan, servers, data, work, report, log)::run);
        phase("scale", only, failed, report, log, new ScalePhase(plan, servers, data, work, report, log)::run);
        phase("library", only, failed, report, log, new LibraryPhase(plan, servers, data, work, report, log)::run);
        report.header("elapsed_s", Math.round((System.nanoTime() - t0) / 1e9));
        report.write(out);
        BenchStore.deleteTree(work);
        log.accept("wrote " + out.resolve("report.md") + " and " + out.resolve("report.json")
                + (failed.isEmpty() ? "" : "; FAILED phases: " + failed));
        System.out.print(report.markdown());
        System.exit(failed.isEmpty() ? 0 : 2);
    }

    private static void phase(String name, List<String> only, List<String> failed, Report report, Consumer<String> log, Runnable body) {
        if (!only.isEmpty() && !only.contains(name)) {
            report.note("Phase " + name + " skipped (--only).");
            return;
        }
        long t = System.nanoTime();
        try {
            body.run();
        } catch (RuntimeException e) {
            failed.add(name);
            report.note("Phase " + name + " FAILED: " + e);
            log.accept("phase " + name + " failed: " + e);
        }
        report.detail("phase_seconds_" + name, Math.round((System.nanoTime() - t) / 1e8) / 10.0);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a);
            String k = a.substring(2);
            if (k.equals("quick")) m.put(k, "true");
            else if (i + 1 < args.length) m.put(k, args[++i]);
            else throw new IllegalArgumentException(a + " needs a value");
        }
        return m;
    }
}
