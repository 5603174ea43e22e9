package org.guidelinekb.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.guidelinekb.bench.http.ConstantRate;
import org.guidelinekb.bench.http.HttpCall;
import org.guidelinekb.bench.proc.ServerProcess;

/**
 * {@code /api/health} latency while a runaway query runs on the public endpoint: our server over a copy of the
 * shipped KB with {@code --query-timeout 2}; one client sends the cross product of {@link #QUERY} again and again
 * (each is cut at the timeout), while health is called at a constant {@link #HEALTH_RATE} req/s for the plan's
 * duration. Figure {@code health_p99_ms_during_runaway} (target < 50 ms); the test
 * {@code hardening/TestRunawayQuery} checks only what cannot flake (the cut, and that health answers).
 */
public final class RunawayPhase {
    static final Path QUERY = Path.of("src/test/resources/hardening/runaway-cross-product.rq");
    static final int TIMEOUT_SECONDS = 2;
    static final double HEALTH_RATE = 50;

    private final Plan plan;
    private final ServerPhase servers;
    private final Path shippedDb;
    private final Report report;
    private final Consumer<String> log;

    public RunawayPhase(Plan plan, ServerPhase servers, Datasets data, Report report, Consumer<String> log) {
        this.plan = plan;
        this.servers = servers;
        this.shippedDb = data.shippedDb;
        this.report = report;
        this.log = log;
    }

    public void run() {
        Path db = servers.fresh("runaway-db", shippedDb);
        try (ServerProcess server = servers.ready(servers.launch(List.of("--data", db.toString(), "--no-bundled",
                "--query-timeout", Integer.toString(TIMEOUT_SECONDS)), null))) {
            String base = ServerPhase.base(server);
            HttpCall health = HttpCall.get("health", base + "/api/health", "application/json");
            HttpCall runaway = HttpCall.sparql("runaway", base + "/kb/sparql", ServerPhase.read(QUERY));
            servers.check(health);
            ConstantRate.Latency idle = servers.atRate(List.of(health), HEALTH_RATE, plan.duration());
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong cut = new AtomicLong();
            AtomicLong notCut = new AtomicLong();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Thread runner = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<byte[]> r = client.send(runaway.request(), HttpResponse.BodyHandlers.ofByteArray());
                        (r.statusCode() >= 400 ? cut : notCut).incrementAndGet();
                    } catch (java.io.IOException e) {
                        notCut.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "runaway-query");
            log.accept("runaway: /api/health at a constant " + Math.round(HEALTH_RATE) + " req/s while a cross product runs");
            runner.start();
            ConstantRate.Latency busy;
            try {
                sleep(Duration.ofMillis(300)); // the first runaway query is running
                busy = servers.atRate(List.of(health), HEALTH_RATE, plan.duration().plusSeconds(TIMEOUT_SECONDS));
            } finally {
                running.set(false);
                join(runner, Duration.ofSeconds(TIMEOUT_SECONDS * 10L));
            }
            report.figure("health_p99_ms_during_runaway", busy.p99Ms());
            report.figure("health_p50_ms_during_runaway", busy.p50Ms());
            report.figure("health_p99_ms_idle", idle.p99Ms());
            report.detail("health_during_runaway_constant_rate", busy);
            report.detail("health_idle_constant_rate", idle);
            report.detail("runaway_queries_cut", cut.get());
            if (notCut.get() > 0) report.note("runaway: " + notCut.get() + " runaway queries were not cut with a 4xx/5xx problem answer");
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t, Duration max) {
        try {
            t.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
