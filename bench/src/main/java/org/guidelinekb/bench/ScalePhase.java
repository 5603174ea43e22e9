package org.guidelinekb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.bench.proc.ServerProcess;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;
import org.guidelinekb.reasoner.EvaluationJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 15's figures at the size of a real library (docs/scale.md): comparing two versions over HTTP against fetching
 * the same two graphs through the Graph Store endpoint (1,000-statement versions; in the full run also 10,000), and the
 * size of a summary evaluation answer. The 30,000-statement library's figures are {@link LibraryPhase}'s.
 */
public final class ScalePhase {
    private final Plan plan;
    private final ServerPhase servers;
    private final Datasets data;
    private final Report report;
    private final Path work;
    private final Consumer<String> log;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public ScalePhase(Plan plan, ServerPhase servers, Datasets data, Path work, Report report, Consumer<String> log) {
        this.plan = plan;
        this.work = work;
        this.servers = servers;
        this.data = data;
        this.report = report;
        this.log = log;
    }

    public void run() {
        summaryBytes();
        compare(data.kb10kDb, "1k", Math.max(3, plan.pairRounds() * 2));
        if (!plan.loadLibrary()) {
            report.note("compare_ratio_vs_read_10k: null: the " + plan.name() + " run generates no version of 10,000 statements "
                    + "(the full run does).");
            return;
        }
        GeneratorSettings s10k = new GeneratorSettings(1, 2, 10_000, 0.2, 44);
        log.accept("generating " + s10k + " (two 10,000-statement versions to compare)");
        List<Path> files = new KbGenerator(s10k).write(work.resolve("kb-compare-10k")).files();
        Path db = work.resolve("compare-10k-source-db");
        BenchStore.deleteTree(db);
        try (KnowledgeBase kb = KnowledgeBase.open(Datasets.config(db, false), m -> { })) {
            BenchStore.putUnvalidated(kb, files);
        }
        report.detail("compare_10k_dataset", "gkb generate " + Datasets.args(s10k) + ", sha256 " + BenchStore.sha256(files));
        try {
            compare(db, "10k", 3);
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    /**
     * A typical case (the first random case), only applicable and undetermined, summary explanation, against one
     * generated 1,000-statement version (the first guideline's active version, as issue 15's acceptance states it);
     * every active version at once and the full answer are details.
     */
    void summaryBytes() {
        try (KnowledgeBase kb = EvaluationWorkload.openKb(data.kb10kDb.toString())) {
            ObjectNode req = Cases.request(Cases.random(42, 1).get(0));
            req.putArray("include").add("applicable").add("undetermined");
            req.put("explain", "summary");
            report.detail("evaluate_summary_bytes_every_active_version", bytes(EvaluationJson.of(kb.reasoner().evaluate(req))));
            GuidelineInfo first = kb.reasoner().index().catalog().guidelines().get(0);
            req.put("guideline", first.id());
            report.figure("evaluate_summary_bytes_10k", bytes(EvaluationJson.of(kb.reasoner().evaluate(req))));
            req.remove("include");
            req.remove("explain");
            report.detail("evaluate_full_bytes_one_version", bytes(EvaluationJson.of(kb.reasoner().evaluate(req))));
        }
    }

    private static double bytes(ObjectNode answer) {
        return answer.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * p50 of compare (JSON) of the first two versions of the first guideline of {@code source} / p50 of GETting both
     * graphs as N-Triples, interleaved rounds, on a fresh copy of {@code source}: {@code compare_ratio_vs_read_SUFFIX}.
     */
    void compare(Path source, String suffix, int rounds) {
        GuidelineInfo g;
        try (KnowledgeBase kb = EvaluationWorkload.openKb(source.toString())) {
            g = kb.catalog().snapshot().guidelines().get(0);
        }
        if (g.versions().size() < 2) {
            report.note("compare_ratio_vs_read_" + suffix + ": null: the " + plan.name() + " run generates one version per guideline (nothing to compare).");
            return;
        }
        log.accept("compare of two " + suffix + "-statement versions over HTTP vs fetching both graphs, " + rounds + " interleaved rounds");
        Path db = servers.fresh("compare-db", source);
        try (ServerProcess server = servers.ours(db, false)) {
            String base = ServerPhase.base(server);
            String from = g.versions().get(0).label();
            String to = g.versions().get(1).label();
            HttpRequest compare = HttpRequest.newBuilder(URI.create(base + "/api/guidelines/" + g.id() + "/compare?from="
                    + enc(from) + "&to=" + enc(to))).header("Accept", "application/json").timeout(Duration.ofSeconds(300)).GET().build();
            List<HttpRequest> reads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reads.add(HttpRequest.newBuilder(URI.create(base + "/kb/get?graph=" + enc(g.versions().get(i).iri())))
                        .header("Accept", "application/n-triples").timeout(Duration.ofSeconds(300)).GET().build());
            }
            List<Double> ours = new ArrayList<>();
            List<Double> peer = new ArrayList<>();
            send(compare);
            reads.forEach(this::send); // warm both paths once
            for (int i = 0; i < rounds; i++) {
                ours.add(timed(List.of(compare)));
                peer.add(timed(reads));
            }
            report.figure("compare_ms_" + suffix, Pairs.median(ours));
            report.figure("read_two_versions_ms_" + suffix, Pairs.median(peer));
            report.figure("compare_ratio_vs_read_" + suffix, Pairs.median(ours) / Pairs.median(peer));
            report.detail("compare_rounds_ms_" + suffix, Map.of("compare", ours, "read_both", peer));
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    private double timed(List<HttpRequest> requests) {
        long t0 = System.nanoTime();
        requests.forEach(this::send);
        return (System.nanoTime() - t0) / 1e6;
    }

    private void send(HttpRequest r) {
        try {
            HttpResponse<byte[]> a = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (a.statusCode() != 200) throw new IllegalStateException(r.uri() + " answered " + a.statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
