package org.guidelinekb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.guidelinekb.bench.http.ConstantRate;
import org.guidelinekb.bench.http.HttpCall;
import org.guidelinekb.bench.proc.Affinity;
import org.guidelinekb.bench.proc.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Replicas over a shared SPARQL store (issue 11): standalone Fuseki ({@link #STORE_OPTIONS}) over a copy of the
 * shipped KB, two replicas ({@code gkb serve --store}) on it, and an embedded-TDB2 server over another copy as the
 * peer. Measures the evaluate p99 through a replica beside the peer's (same workload, same rate: half the peer's
 * closed-loop maximum, as the HTTP phase), closed-loop throughput over two replicas round-robin / over one, and the
 * time from a publish through replica A until replica B evaluates against the new version.
 *
 * <p>All servers share {@link Affinity#serverCpus()}; this JVM (the load generator) runs on
 * {@link Affinity#clientCpus()} while it measures.
 */
public final class ReplicaPhase {
    static final Path DRAFT = Path.of("src/test/resources/hardening/upload-draft.ttl");
    static final String GUIDELINE = "hard-gl";
    /** The store as docs/deployment.md sets it up (the union default graph is for the public endpoint only). */
    static final List<String> STORE_OPTIONS = List.of("--update", "--tdb2", "--set", "tdb:unionDefaultGraph=true");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Plan plan;
    private final ServerPhase servers;
    private final Path shippedDb;
    private final Path work;
    private final Report report;
    private final Consumer<String> log;

    public ReplicaPhase(Plan plan, ServerPhase servers, Datasets data, Path work, Report report, Consumer<String> log) {
        this.plan = plan;
        this.servers = servers;
        this.shippedDb = data.shippedDb;
        this.work = work;
        this.report = report;
        this.log = log;
    }

    public void run() {
        Path storeDb = servers.fresh("replica-store-db", shippedDb);
        Path peerDb = servers.fresh("replica-peer-db", shippedDb);
        Path tokens = work.resolve("replica-tokens.txt");
        String token = writeToken(tokens);
        String cpus = Affinity.serverCpus();
        log.accept("replicas: standalone Fuseki, replica A, then replica B and the embedded peer");
        try (ServerProcess fuseki = servers.fuseki(storeDb, STORE_OPTIONS, cpus);
             ServerProcess a = servers.ready(servers.launch(replicaArgs(fuseki, tokens), cpus));
             ServerProcess b = servers.launch(replicaArgs(fuseki, tokens), cpus);
             ServerProcess peer = servers.launch(List.of("--data", peerDb.toString(), "--no-bundled"), cpus)) {
            servers.ready(b);
            servers.ready(peer);
            String baseA = ServerPhase.base(a);
            String baseB = ServerPhase.base(b);
            String basePeer = ServerPhase.base(peer);
            for (String base : List.of(baseA, baseB, basePeer)) servers.check(ServerPhase.evaluateCalls(List.of(base)).get(0));
            String clientCpus = Affinity.clientCpus();
            boolean pinned = Affinity.pinSelf(clientCpus);
            try {
                Map<String, Object> setup = new LinkedHashMap<>();
                setup.put("cores", cores());
                setup.put("pinning", pinned ? "Fuseki, both replicas and the peer on CPU(s) " + cpus + ", load generator on CPU "
                        + clientCpus + " (taskset)" : "not pinned (taskset unavailable)");
                setup.put("refresh_ms", plan.replicaRefreshMillis());
                setup.put("store", "jena-fuseki-server " + String.join(" ", STORE_OPTIONS) + " --loc COPY /kb (copy of the shipped KB)");
                setup.put("peer", "gkb serve --data COPY (embedded TDB2, copy of the shipped KB)");
                report.detail("replicas_setup", setup);
                log.accept("replicas: warm-up, closed loop over both replicas and the peer");
                servers.max(ServerPhase.evaluateCalls(List.of(baseA, baseB, basePeer)), plan.replicaDuration());
                ThroughputRatio t = throughput(baseA, baseB);
                LatencyComparison l = latency(baseA, basePeer);
                PublishTimes v = publishes(baseA, b, token);
                report.section("Replicas over a shared store (issue 11)", section(setup, t, l, v));
                if (cores() <= 4) report.note(sharedCpus());
            } finally {
                Affinity.unpinSelf();
            }
        } finally {
            BenchStore.deleteTree(storeDb);
            BenchStore.deleteTree(peerDb);
        }
    }

    private List<String> replicaArgs(ServerProcess fuseki, Path tokens) {
        return List.of("--store", ServerPhase.base(fuseki) + "/kb", "--refresh", Long.toString(plan.replicaRefreshMillis()),
                "--token-file", tokens.toString(), "--no-bundled");
    }

    /** Closed-loop throughput, two replicas round-robin / one replica, same clients: interleaved rounds. */
    private record ThroughputRatio(double two, double one, double ratio) {}

    private ThroughputRatio throughput(String baseA, String baseB) {
        List<HttpCall> both = ServerPhase.evaluateCalls(List.of(baseA, baseB));
        List<HttpCall> one = ServerPhase.evaluateCalls(List.of(baseA));
        log.accept("replicas: evaluate throughput, 2 replicas vs 1, " + plan.replicaRounds() + " round(s), concurrency " + plan.concurrency());
        List<Pairs.Round> rounds = Pairs.run(plan.replicaRounds(), () -> servers.max(both, plan.replicaDuration()),
                () -> servers.max(one, plan.replicaDuration()), (x, y) -> x / y);
        ThroughputRatio t = new ThroughputRatio(Pairs.median(rounds.stream().map(Pairs.Round::a).toList()),
                Pairs.median(rounds.stream().map(Pairs.Round::b).toList()), Pairs.medianRatio(rounds));
        report.figure("replicas_2_vs_1_throughput", t.ratio());
        report.figure("replicas_2_rps", t.two());
        report.figure("replicas_1_rps", t.one());
        report.detail("replicas_throughput_rounds", rounds);
        return t;
    }

    /** Evaluate p99 through a replica and through the embedded peer, at the same constant rate: interleaved rounds. */
    private record LatencyComparison(double rate, double remoteP99, double embeddedP99, double ratio, List<ConstantRate.Latency> remote,
                                     List<ConstantRate.Latency> embedded) {}

    private LatencyComparison latency(String baseA, String basePeer) {
        List<HttpCall> remote = ServerPhase.evaluateCalls(List.of(baseA));
        List<HttpCall> embedded = ServerPhase.evaluateCalls(List.of(basePeer));
        double rate = servers.max(embedded, plan.replicaDuration()) / 2;
        log.accept("replicas: evaluate through a replica vs the embedded peer at a constant " + Math.round(rate) + " req/s");
        List<ConstantRate.Latency> r = new ArrayList<>();
        List<ConstantRate.Latency> e = new ArrayList<>();
        List<Pairs.Round> rounds = Pairs.run(plan.replicaRounds(), () -> add(r, servers.atRate(remote, rate, plan.replicaDuration())).p99Ms(),
                () -> add(e, servers.atRate(embedded, rate, plan.replicaDuration())).p99Ms(), (x, y) -> x / y);
        LatencyComparison l = new LatencyComparison(rate, Pairs.median(r.stream().map(ConstantRate.Latency::p99Ms).toList()),
                Pairs.median(e.stream().map(ConstantRate.Latency::p99Ms).toList()), Pairs.medianRatio(rounds), r, e);
        report.figure("remote_evaluate_p99_ms", l.remoteP99());
        report.figure("remote_evaluate_embedded_p99_ms", l.embeddedP99());
        report.figure("remote_evaluate_p99_ratio_vs_embedded", l.ratio());
        report.detail("remote_evaluate_rate_rps", Math.round(rate));
        report.detail("remote_evaluate_constant_rate", r);
        report.detail("remote_evaluate_embedded_constant_rate", e);
        return l;
    }

    private static ConstantRate.Latency add(List<ConstantRate.Latency> to, ConstantRate.Latency l) {
        to.add(l);
        return l;
    }

    /** Per publish: the publish request's own time, and from its answer until replica B evaluates against the version. */
    private record PublishTimes(List<Double> publishMs, List<Double> visibleMs) {}

    /**
     * Creates a draft through replica A, publishes it through A, and polls replica B's /api/evaluate until it
     * evaluates against that version; each new version (labels 1, 2, ...) retires the previous one.
     */
    private PublishTimes publishes(String baseA, ServerProcess b, String token) {
        log.accept("replicas: " + plan.replicaPublishes() + " publishes through A, timed until B serves them (refresh "
                + plan.replicaRefreshMillis() + " ms)");
        String template = ServerPhase.read(DRAFT);
        String auth = "Bearer " + token;
        List<Double> publishMs = new ArrayList<>();
        List<Double> visibleMs = new ArrayList<>();
        for (int i = 0; i < plan.replicaPublishes(); i++) {
            String label = Integer.toString(i + 1);
            String versions = baseA + "/api/guidelines/" + GUIDELINE + "/versions";
            servers.check(new HttpCall("create draft", HttpRequest.newBuilder(URI.create(versions)).header("Content-Type", "text/turtle")
                    .header("Authorization", auth).timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(draft(template, i)))
                    .build(), 201));
            HttpCall publish = new HttpCall("publish", HttpRequest.newBuilder(URI.create(versions + "/" + label + "/publish"))
                    .header("Content-Type", "application/json").header("Authorization", auth).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 200);
            long sent = System.nanoTime();
            servers.check(publish);
            long answered = System.nanoTime();
            publishMs.add((answered - sent) / 1e6);
            visibleMs.add(servers.await(b, evaluateCurrent(ServerPhase.base(b), GUIDELINE), r -> evaluatesAgainst(r, label), answered, Duration.ofSeconds(60)));
        }
        report.figure("remote_publish_visible_ms", Pairs.median(visibleMs));
        report.figure("remote_publish_visible_max_ms", visibleMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        report.detail("remote_publish_visible_runs_ms", visibleMs);
        report.detail("remote_publish_request_runs_ms", publishMs);
        return new PublishTimes(publishMs, visibleMs);
    }

    /**
     * The draft of {@link #DRAFT} as version {@code i + 1}: its version IRIs, label, encoding activity and effective
     * date (a day later each time, so each publish makes it the active version) changed.
     */
    static String draft(String template, int i) {
        String label = Integer.toString(i + 1);
        String out = template;
        for (String[] r : new String[][] {{"hard-gl/version/1>", "hard-gl/version/" + label + ">"},
                {"hard-gl/version/1/", "hard-gl/version/" + label + "/"}, {"pav:version \"1\"", "pav:version \"" + label + "\""},
                {"encode-hard-gl-1>", "encode-hard-gl-" + label + ">"},
                {"\"2020-01-01\"^^xsd:date", "\"" + LocalDate.of(2020, 1, 1).plusDays(i) + "\"^^xsd:date"}}) {
            if (!out.contains(r[0])) throw new IllegalStateException(DRAFT + " changed: it no longer contains " + r[0]);
            out = out.replace(r[0], r[1]);
        }
        return out;
    }

    /** A write token for a bench server, in a token file of its own (label "bench"); returns the token. */
    static String writeToken(Path file) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        write(file, "bench " + token + "\n");
        return token;
    }

    /** An evaluation of a metastatic case against the current version of {@code guideline}. */
    static HttpRequest evaluateCurrent(String base, String guideline) {
        return HttpRequest.newBuilder(URI.create(base + "/api/evaluate")).header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"guideline\": \"" + guideline + "\", \"case\": {\"metastatic\": true}}")).build();
    }

    /** Whether an evaluate answer was computed against the version labelled {@code label}. */
    static boolean evaluatesAgainst(HttpResponse<String> r, String label) {
        if (r.statusCode() != 200) return false;
        try {
            return label.equals(JSON.readTree(r.body()).at("/evaluatedAgainst/0/version").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private String section(Map<String, Object> setup, ThroughputRatio t, LatencyComparison l, PublishTimes v) {
        int cores = cores();
        StringBuilder b = new StringBuilder();
        b.append("Two replicas (`gkb serve --store URL --refresh ").append(plan.replicaRefreshMillis())
                .append("`) over standalone Fuseki (`")
                .append(String.join(" ", STORE_OPTIONS)).append("`, a copy of the shipped KB); the peer is an embedded-TDB2 server over")
                .append(" another copy. ").append(cores).append(" cores; ").append(setup.get("pinning")).append(".\n\n");
        if (cores <= 4) b.append("**").append(sharedCpus()).append("**\n\n");
        b.append("| key | value | how | beside it in this run |\n|---|---|---|---|\n");
        b.append("| `remote_evaluate_p99_ms` | ").append(Report.fmt(l.remoteP99())).append(" ms | `POST /api/evaluate` through replica A at a constant ")
                .append(Math.round(l.rate())).append(" req/s (half the peer's closed-loop maximum at ").append(plan.concurrency())
                .append(" clients), median of ").append(plan.replicaRounds()).append(" interleaved round(s) | embedded TDB2, same cases and rate: p99 ")
                .append(Report.fmt(l.embeddedP99())).append(" ms (ratio ").append(Report.fmt(l.ratio())).append("); p50 ")
                .append(Report.fmt(Pairs.median(l.remote().stream().map(ConstantRate.Latency::p50Ms).toList()))).append(" ms vs ")
                .append(Report.fmt(Pairs.median(l.embedded().stream().map(ConstantRate.Latency::p50Ms).toList()))).append(" ms |\n");
        b.append("| `remote_publish_visible_ms` | ").append(Report.fmt(Pairs.median(v.visibleMs()))).append(" ms (median; max ")
                .append(Report.fmt(v.visibleMs().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)))
                .append(" ms) | ").append(v.visibleMs().size()).append(" publishes of a new `").append(GUIDELINE)
                .append("` version through A; from A's answer until B's `/api/evaluate` uses it (polled every 5 ms); stamp poll `--refresh ")
                .append(plan.replicaRefreshMillis()).append("` ms | the publish request itself (validation and the guarded update): median ")
                .append(Report.fmt(Pairs.median(v.publishMs()))).append(" ms |\n");
        b.append("| `replicas_2_vs_1_throughput` | ").append(Report.fmt(t.ratio())).append(" | closed loop, ").append(plan.concurrency())
                .append(" clients, requests round-robin over both replicas / all to one, median of ").append(plan.replicaRounds())
                .append(" interleaved round(s) | ").append(Report.fmt(t.two())).append(" vs ").append(Report.fmt(t.one())).append(" req/s |\n");
        return b.toString();
    }

    private static String sharedCpus() {
        return "Only " + cores() + " cores: the replicas, Fuseki and the load generator share the same CPUs, so "
                + "replicas_2_vs_1_throughput shows the overhead of a second replica, not scaling.";
    }

    private static int cores() {
        return Affinity.cpus();
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
