package org.guidelinekb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.guidelinekb.bench.http.ClosedLoop;
import org.guidelinekb.bench.http.ConstantRate;
import org.guidelinekb.bench.http.HttpCall;
import org.guidelinekb.bench.proc.Affinity;
import org.guidelinekb.bench.proc.ServerProcess;
import org.guidelinekb.sparql.NamedQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The figures that need a server process: HTTP evaluate vs the HTTP floor on the same server, CDS Hooks, resident
 * memory, our /kb/sparql vs standalone Fuseki, and cold start. Servers run from the built jar, pinned to CPU 0; this
 * JVM (the load generator) is pinned to CPU 1 while it sends load. Its package-private helpers (start a server, the
 * evaluate workload, the load generators with this run's client and plan) also serve {@link ReplicaPhase}.
 */
public final class ServerPhase {
    static final String CDS_SERVICE = "gkb-metastatic-breast-cancer";
    static final Path CDS_REQUEST = Path.of("src/test/resources/cds/scenarios/2015-symptomatic-resectable/request.json");
    static final String COLD_START_CASE = "{\"guideline\": \"nccn-breast\", \"version\": \"2015\", \"case\": {\"metastatic\": true,"
            + " \"primaryTumorIntact\": true, \"initialSystemicTherapyReceived\": true, \"primarySymptoms\": [\"bleeding\"],"
            + " \"completeLocalClearanceFeasible\": true, \"lifeThreateningMetastaticDisease\": false}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Plan plan;
    private final List<String> gkb;
    private final Path fusekiJar;
    private final List<String> serverJvmArgs;
    private final Datasets data;
    private final Path work;
    private final Report report;
    private final Consumer<String> log;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code gkb}: how to launch the gkb command, e.g. {@code -jar target/gkb.jar}. */
    public ServerPhase(Plan plan, List<String> gkb, Path fusekiJar, List<String> serverJvmArgs, Datasets data, Path work, Report report,
                       Consumer<String> log) {
        this.plan = plan;
        this.gkb = List.copyOf(gkb);
        this.fusekiJar = fusekiJar;
        this.serverJvmArgs = serverJvmArgs;
        this.data = data;
        this.work = work;
        this.report = report;
        this.log = log;
    }

    /** Our server over an embedded TDB2 folder (no bundled content), ready; pinned to CPU 0 or not pinned. */
    ServerProcess ours(Path db, boolean pinned) {
        return ready(launch(List.of("--data", db.toString(), "--no-bundled"), pinned ? "0" : null));
    }

    /**
     * Starts {@code gkb serve} on a free loopback port with {@code storeArgs} (e.g. {@code --data DIR} or
     * {@code --store URL}), pinned to {@code cpus} unless null; returns at once (see {@link #ready}).
     */
    ServerProcess launch(List<String> storeArgs, String cpus) {
        int port = ServerProcess.freePort();
        List<String> args = new ArrayList<>(gkb);
        args.addAll(List.of("serve", "--port", Integer.toString(port), "--host", "127.0.0.1"));
        args.addAll(storeArgs);
        return ServerProcess.start(cpus, serverJvmArgs, args, port, work.resolve("logs"));
    }

    /** Waits until a launched server answers GET /api/ready with 200; stops it when it does not. */
    ServerProcess ready(ServerProcess p) {
        try {
            p.awaitGet(client, base(p) + "/api/ready", Duration.ofSeconds(120));
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** Standalone Fuseki over a TDB2 folder as dataset /kb, with {@code options} (e.g. {@code --update --tdb2}), ready. */
    ServerProcess fuseki(Path db, List<String> options, String cpus) {
        int port = ServerProcess.freePort();
        List<String> args = new ArrayList<>(List.of("-jar", fusekiJar.toString(), "--port", Integer.toString(port), "--localhost"));
        args.addAll(options);
        args.addAll(List.of("--loc", db.toString(), "/kb"));
        ServerProcess p = ServerProcess.start(cpus, serverJvmArgs, args, port, work.resolve("logs"));
        try {
            // up once Jetty answers at all (the dataset is configured before it listens; a GET without a query is a 4xx)
            p.awaitReady(client, HttpRequest.newBuilder(URI.create(base(p) + "/kb/sparql")).timeout(Duration.ofSeconds(5)).GET().build(),
                    r -> r.statusCode() < 500, System.nanoTime(), Duration.ofSeconds(120));
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    static String base(ServerProcess p) {
        return "http://127.0.0.1:" + p.port();
    }

    /** The evaluate workload (64 random cases, seed 42); each case is sent to every base URL in turn (round-robin). */
    static List<HttpCall> evaluateCalls(List<String> bases) {
        List<HttpCall> calls = new ArrayList<>();
        for (var c : Cases.random(42, 64)) {
            for (String base : bases) calls.add(HttpCall.postJson("evaluate", base + "/api/evaluate", Cases.request(c).toString()));
        }
        return calls;
    }

    /** HTTP evaluate vs the floor (GET /api/ready), evaluate and CDS Hooks at a constant rate, memory of the server. */
    public void http() {
        Path db = fresh("http-db", data.shippedDb);
        try (ServerProcess server = ours(db, true)) {
            String base = base(server);
            List<HttpCall> floor = List.of(HttpCall.get("ready", base + "/api/ready", "application/json"));
            List<HttpCall> evaluate = evaluateCalls(List.of(base));
            List<HttpCall> cds = List.of(HttpCall.postJson("cds", base + "/cds-services/" + CDS_SERVICE, read(CDS_REQUEST)));
            check(evaluate.get(0));
            check(cds.get(0));
            boolean pinned = Affinity.pinSelf("1");
            report.detail("pinning", pinned ? "server on CPU 0, load generator on CPU 1 (taskset)" : "not pinned (taskset unavailable)");
            try {
                log.accept("HTTP: /api/evaluate vs /api/ready (floor), max rate, " + plan.pairRounds() + " interleaved rounds");
                List<Pairs.Round> rounds = Pairs.run(plan.pairRounds(), () -> max(evaluate), () -> max(floor), (a, b) -> a / b);
                double evalMax = Pairs.median(rounds.stream().map(Pairs.Round::a).toList());
                report.figure("http_evaluate_max_rps", evalMax);
                report.figure("http_floor_max_rps", Pairs.median(rounds.stream().map(Pairs.Round::b).toList()));
                report.figure("http_evaluate_max_rps_ratio_vs_floor", Pairs.medianRatio(rounds));
                report.detail("http_rounds", rounds);
                log.accept("HTTP: /api/evaluate at a constant " + Math.round(evalMax / 2) + " req/s");
                ConstantRate.Latency lat = atRate(evaluate, evalMax / 2, plan.duration());
                report.figure("http_evaluate_p50_ms", lat.p50Ms());
                report.figure("http_evaluate_p99_ms", lat.p99Ms());
                report.figure("http_evaluate_p999_ms", lat.p999Ms());
                report.detail("http_evaluate_constant_rate", lat);
                ConstantRate.Latency floorLat = atRate(floor, evalMax / 2, plan.duration());
                report.detail("http_floor_constant_rate_same_rate", floorLat);
                report.figure("http_floor_p99_ms_same_rate", floorLat.p99Ms());
                report.figure("http_evaluate_p99_ratio_vs_floor", lat.p99Ms() / floorLat.p99Ms());

                log.accept("CDS Hooks: max rate, then a constant half of it");
                double cdsMax = max(cds);
                ConstantRate.Latency cdsLat = atRate(cds, cdsMax / 2, plan.duration());
                report.figure("cds_hooks_max_rps", cdsMax);
                report.figure("cds_hooks_p50_ms", cdsLat.p50Ms());
                report.figure("cds_hooks_p99_ms", cdsLat.p99Ms());
                report.detail("cds_hooks_constant_rate", cdsLat);
                ConstantRate.Latency cdsFloor = atRate(floor, cdsMax / 2, plan.duration());
                report.figure("cds_floor_p99_ms_same_rate", cdsFloor.p99Ms());
                report.figure("cds_hooks_p99_ratio_vs_floor", cdsLat.p99Ms() / cdsFloor.p99Ms());
            } finally {
                Affinity.unpinSelf();
            }
            report.figure("rss_mb_shipped_after_max_load", server.rssMb());
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    /**
     * Resident size and heap after a full GC of a server as {@code ./gkb serve} runs it (not pinned, default JVM
     * options), after start and a few evaluations: the shipped KB, then the 10k KB.
     */
    public void memory() {
        memoryOf("shipped", data.shippedDb, 200);
        if (plan.memory10k()) memoryOf("10k", data.kb10kDb, 20);
    }

    void memoryOf(String name, Path from, int evaluations) {
        log.accept("memory: server over the " + name + " KB");
        Path db = fresh("mem-" + name + "-db", from);
        try (ServerProcess server = ours(db, false)) {
            String base = base(server);
            for (var c : Cases.random(7, evaluations)) check(HttpCall.postJson("evaluate", base + "/api/evaluate", Cases.request(c).toString()));
            report.figure("rss_mb_" + name, server.rssMb());
            report.figure("heap_after_gc_mb_" + name, server.heapAfterGcMb());
            report.figure("rss_mb_" + name + "_after_gc", server.rssMb());
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    /** Our /kb/sparql vs standalone Fuseki over copies of one TDB2 folder: the same query mix, the same concurrency. */
    public void sparql() {
        Path dbOurs = fresh("sparql-ours", data.sparqlDb);
        Path dbPeer = fresh("sparql-peer", data.sparqlDb);
        try (ServerProcess ours = ours(dbOurs, true); ServerProcess peer = fuseki(dbPeer, List.of("--set", "tdb:unionDefaultGraph=true"), "0")) {
            List<HttpCall> mixOurs = new ArrayList<>();
            List<HttpCall> mixPeer = new ArrayList<>();
            List<String> mismatches = new ArrayList<>();
            for (NamedQuery q : SparqlMix.queries()) {
                HttpCall a = HttpCall.sparql(q.name(), "http://127.0.0.1:" + ours.port() + "/kb/sparql", q.text());
                HttpCall b = HttpCall.sparql(q.name(), "http://127.0.0.1:" + peer.port() + "/kb/sparql", q.text());
                int ra = rows(a);
                int rb = rows(b);
                if (ra != rb) mismatches.add(q.name() + ": ours " + ra + " rows, Fuseki " + rb);
                mixOurs.add(a);
                mixPeer.add(b);
            }
            report.detail("sparql_mix", SparqlMix.queries().stream().map(NamedQuery::name).toList());
            if (!mismatches.isEmpty()) report.note("SPARQL mix: row counts differ between the servers: " + mismatches);
            boolean pinned = Affinity.pinSelf("1");
            try {
                log.accept("SPARQL: ours vs Fuseki, " + plan.pairRounds() + " interleaved rounds, concurrency " + plan.concurrency());
                List<Pairs.Round> rounds = Pairs.run(plan.pairRounds(), () -> max(mixOurs), () -> max(mixPeer), (a, b) -> a / b);
                report.figure("sparql_throughput_ratio_vs_fuseki", Pairs.medianRatio(rounds));
                report.figure("sparql_qps_ours", Pairs.median(rounds.stream().map(Pairs.Round::a).toList()));
                report.figure("sparql_qps_fuseki", Pairs.median(rounds.stream().map(Pairs.Round::b).toList()));
                report.detail("sparql_rounds", rounds);
                report.detail("sparql_pinning", pinned ? "both servers on CPU 0, load generator on CPU 1" : "not pinned");
            } finally {
                Affinity.unpinSelf();
            }
        } finally {
            BenchStore.deleteTree(dbOurs);
            BenchStore.deleteTree(dbPeer);
        }
    }

    /** Process start to the first correct /api/evaluate answer, with the built jar (existing folder; then an empty one). */
    public void coldStart() {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < plan.coldStarts(); i++) {
            Path db = fresh("cold-db", data.shippedDb);
            runs.add(startToFirstAnswer(db, true));
            BenchStore.deleteTree(db);
        }
        report.figure("cold_start_ms", Pairs.median(runs));
        report.detail("cold_start_runs_ms", runs);
        List<Double> peer = new ArrayList<>();
        for (int i = 0; i < plan.coldStarts(); i++) {
            Path db = fresh("cold-fuseki-db", data.shippedDb);
            peer.add(fusekiStartToFirstAnswer(db));
            BenchStore.deleteTree(db);
        }
        report.figure("cold_start_fuseki_ms", Pairs.median(peer));
        report.figure("cold_start_ratio_vs_fuseki", Pairs.median(runs) / Pairs.median(peer));
        report.detail("cold_start_fuseki_runs_ms", peer);
        if (!plan.coldStartEmptyFolder()) return;
        Path empty = work.resolve("cold-empty-db");
        BenchStore.deleteTree(empty);
        report.figure("cold_start_empty_folder_ms", startToFirstAnswer(empty, false));
        BenchStore.deleteTree(empty);
    }

    double startToFirstAnswer(Path db, boolean existing) {
        int port = ServerProcess.freePort();
        List<String> args = new ArrayList<>(gkb);
        args.addAll(List.of("serve", "--port", Integer.toString(port), "--host", "127.0.0.1", "--data", db.toString()));
        if (existing) args.add("--no-bundled");
        long t0 = System.nanoTime();
        try (ServerProcess p = ServerProcess.start(null, serverJvmArgs, args, port, work.resolve("logs"))) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/evaluate"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(COLD_START_CASE)).build();
            return p.awaitReady(client, req, ServerPhase::surgeryApplicable, t0, Duration.ofSeconds(120));
        }
    }

    /** Standalone Fuseki ({@code --tdb2 --loc} of a copy of the folder) from process start to its first SPARQL answer. */
    private double fusekiStartToFirstAnswer(Path db) {
        int port = ServerProcess.freePort();
        List<String> args = new ArrayList<>(List.of("-jar", fusekiJar.toString(), "--port", Integer.toString(port), "--localhost",
                "--tdb2", "--loc", db.toString(), "/kb"));
        long t0 = System.nanoTime();
        try (ServerProcess p = ServerProcess.start(null, serverJvmArgs, args, port, work.resolve("logs"))) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/kb/sparql?query="
                    + java.net.URLEncoder.encode("ASK { GRAPH ?g { ?s ?p ?o } }", java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Accept", "application/sparql-results+json").timeout(Duration.ofSeconds(5)).GET().build();
            return p.awaitReady(client, req, r -> r.statusCode() == 200 && r.body().contains("true"), t0, Duration.ofSeconds(120));
        }
    }

    /** The correct answer for the cold-start case: palliative surgery of the primary is applicable. */
    static boolean surgeryApplicable(HttpResponse<String> r) {
        if (r.statusCode() != 200) return false;
        try {
            for (JsonNode rec : JSON.readTree(r.body()).path("recommendations")) {
                if (rec.path("id").asText().endsWith("/statement/palliative-primary-surgery")) return "applicable".equals(rec.path("status").asText());
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private double max(List<HttpCall> calls) {
        return max(calls, plan.duration());
    }

    /** Closed-loop throughput (answers/s) at the plan's concurrency, after its warm-up; errors are noted in the report. */
    double max(List<HttpCall> calls, Duration duration) {
        ClosedLoop.Throughput t = ClosedLoop.run(client, calls, plan.concurrency(), plan.warmup(), duration);
        if (t.errors() > 0) report.note(calls.get(0).name() + ": " + t.errors() + " errors during a max-rate run");
        return t.opsPerSecond();
    }

    /** Polls {@code request} on a server until {@code ok} accepts the answer; milliseconds since {@code sinceNanos}. */
    double await(ServerProcess p, HttpRequest request, Predicate<HttpResponse<String>> ok, long sinceNanos, Duration max) {
        return p.awaitReady(client, request, ok, sinceNanos, max);
    }

    /** Latencies at a constant arrival rate (from when each request was due); errors are noted in the report. */
    ConstantRate.Latency atRate(List<HttpCall> calls, double rate, Duration duration) {
        ConstantRate.Latency lat = ConstantRate.run(client, calls, rate, duration);
        if (lat.errors() > 0) report.note(calls.get(0).name() + ": " + lat.errors() + " errors at a constant " + Math.round(rate) + " req/s");
        return lat;
    }

    /** Sends one call; an exception with the answer when its status is not the expected one. */
    void check(HttpCall c) {
        try {
            HttpResponse<String> r = client.send(c.request(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != c.expectedStatus()) throw new IllegalStateException(c.name() + " answered " + r.statusCode() + ": " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int rows(HttpCall c) {
        try {
            HttpResponse<String> r = client.send(c.request(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return -r.statusCode();
            JsonNode j = JSON.readTree(r.body());
            return j.has("boolean") ? 1 : j.path("results").path("bindings").size();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A fresh copy of a TDB2 folder under the work folder. */
    Path fresh(String name, Path from) {
        Path to = work.resolve(name);
        BenchStore.deleteTree(to);
        BenchStore.copyTree(from, to);
        return to;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + " (run from the project root): " + e.getMessage(), e);
        }
    }

}
