package org.guidelinekb.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.bench.http.HttpCall;
import org.guidelinekb.bench.proc.ServerProcess;
import org.guidelinekb.generate.GeneratorSettings;
import org.guidelinekb.generate.KbGenerator;

/**
 * Issue 15's figures at the size of a real library (docs/scale.md): the shipped KB plus the whole generated library of
 * the load phase (10 guidelines x 3 versions x 1,000 statements, seed 7), put into one TDB2 folder without validation
 * (validated loading is the load phase's figure). Each figure is a ratio to the same measurement on the shipped KB,
 * in interleaved rounds of the same phase: the start to the first correct evaluate answer
 * ({@code cold_start_ratio_30k_vs_shipped}), and a new 1,000-statement version created and published through the API
 * until {@code /api/evaluate} answers against it ({@code publish_ratio_30k_vs_shipped}); beside them the server's
 * resident size over the library ({@code rss_mb_30k}, after 200 evaluations). Full run only: preparing the library takes minutes.
 */
public final class LibraryPhase {
    /** The new version's guideline: syn-g011 (the library holds syn-g001 to syn-g010). */
    static final String NEW_GUIDELINE = "syn-g011";

    private final Plan plan;
    private final ServerPhase servers;
    private final Datasets data;
    private final Path work;
    private final Report report;
    private final Consumer<String> log;

    public LibraryPhase(Plan plan, ServerPhase servers, Datasets data, Path work, Report report, Consumer<String> log) {
        this.plan = plan;
        this.servers = servers;
        this.data = data;
        this.work = work;
        this.report = report;
        this.log = log;
    }

    public void run() {
        if (!plan.loadLibrary()) {
            for (String k : List.of("cold_start_ratio_30k_vs_shipped", "publish_ratio_30k_vs_shipped", "rss_mb_30k")) {
                report.note(k + ": null: the " + plan.name() + " run prepares no 30,000-statement library (the full run does).");
            }
            return;
        }
        measure();
    }

    /** Every figure of the phase, whatever the plan (the smoke test runs it on a tiny library). */
    void measure() {
        Path library = work.resolve("library-db");
        log.accept("library: the shipped KB plus " + data.loadLibrary.size() + " generated files in one folder (unvalidated put)");
        BenchStore.deleteTree(library);
        BenchStore.copyTree(data.shippedDb, library);
        try (KnowledgeBase kb = KnowledgeBase.open(Datasets.config(library, false), m -> { })) {
            BenchStore.putUnvalidated(kb, data.loadLibrary);
            report.detail("library_versions", kb.catalog().snapshot().guidelines().stream().mapToLong(g -> g.versions().size()).sum());
        }
        try {
            coldStart(library);
            servers.memoryOf("30k", library, 200);
            publish(library);
        } finally {
            BenchStore.deleteTree(library);
        }
    }

    /** Start to the first correct evaluate answer, library and shipped KB in interleaved rounds (fresh copies each). */
    private void coldStart(Path library) {
        int rounds = Math.min(3, Math.max(1, plan.coldStarts()));
        log.accept("library: cold start, 30k library vs shipped KB, " + rounds + " interleaved rounds");
        List<Pairs.Round> r = Pairs.run(rounds, () -> startOnCopy(library), () -> startOnCopy(data.shippedDb), (a, b) -> a / b);
        report.figure("cold_start_ms_30k", Pairs.median(r.stream().map(Pairs.Round::a).toList()));
        report.figure("cold_start_ms_shipped_beside_30k", Pairs.median(r.stream().map(Pairs.Round::b).toList()));
        report.figure("cold_start_ratio_30k_vs_shipped", Pairs.medianRatio(r));
        report.detail("cold_start_30k_rounds", r);
    }

    private double startOnCopy(Path from) {
        Path db = servers.fresh("library-cold-db", from);
        try {
            return servers.startToFirstAnswer(db, true);
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    /** Create + publish of the new version until evaluate answers against it: library / shipped, interleaved rounds. */
    private void publish(Path library) {
        String draft = newDraft();
        Path tokens = work.resolve("library-tokens.txt");
        String token = ReplicaPhase.writeToken(tokens);
        int rounds = Math.min(2, Math.max(1, plan.pairRounds()));
        log.accept("library: create + publish of a 1,000-statement version, 30k library vs shipped KB, " + rounds + " interleaved rounds");
        List<Pairs.Round> r = Pairs.run(rounds, () -> publishInto(library, draft, tokens, token),
                () -> publishInto(data.shippedDb, draft, tokens, token), (a, b) -> a / b);
        report.figure("publish_ms_30k", Pairs.median(r.stream().map(Pairs.Round::a).toList()));
        report.figure("publish_ms_shipped", Pairs.median(r.stream().map(Pairs.Round::b).toList()));
        report.figure("publish_ratio_30k_vs_shipped", Pairs.medianRatio(r));
        report.detail("publish_rounds", r);
    }

    /** Milliseconds from sending the create until /api/evaluate answers against the new version (server started before). */
    private double publishInto(Path from, String draft, Path tokens, String token) {
        Path db = servers.fresh("library-publish-db", from);
        try (ServerProcess server = servers.ready(servers.launch(List.of("--data", db.toString(), "--no-bundled", "--token-file",
                tokens.toString()), null))) {
            String versions = ServerPhase.base(server) + "/api/guidelines/" + NEW_GUIDELINE + "/versions";
            String auth = "Bearer " + token;
            long t0 = System.nanoTime();
            servers.check(new HttpCall("create 1,000-statement draft", HttpRequest.newBuilder(URI.create(versions))
                    .header("Content-Type", "text/turtle").header("Authorization", auth).timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(draft)).build(), 201));
            servers.check(new HttpCall("publish", HttpRequest.newBuilder(URI.create(versions + "/v1/publish"))
                    .header("Content-Type", "application/json").header("Authorization", auth).timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), 200));
            return servers.await(server, ReplicaPhase.evaluateCurrent(ServerPhase.base(server), NEW_GUIDELINE),
                    r -> ReplicaPhase.evaluatesAgainst(r, "v1"), t0, Duration.ofMinutes(5));
        } finally {
            BenchStore.deleteTree(db);
        }
    }

    /**
     * One version of as many statements as the library's first versions (1,000 in the full run) of guideline
     * {@link #NEW_GUIDELINE}, generated (seed 8), as a draft (the generator writes active versions).
     */
    String newDraft() {
        GeneratorSettings settings = new GeneratorSettings(11, 1, plan.loadRecommendations(), 0.2, 8);
        if (!settings.guidelineId(10).equals(NEW_GUIDELINE)) throw new IllegalStateException("the generator names guidelines differently");
        List<Path> files = new KbGenerator(settings).write(work.resolve("library-new-version")).files();
        Path file = files.stream().filter(f -> f.getParent().getFileName().toString().equals(NEW_GUIDELINE)).findFirst().orElseThrow();
        String text = ServerPhase.read(file);
        String active = "gkb:lifecycleStatus status:active ;";
        if (!text.contains(active)) throw new IllegalStateException(file + " no longer contains " + active);
        report.detail("publish_new_version", Map.of("what", "gkb generate " + Datasets.args(settings) + ", guideline " + NEW_GUIDELINE
                + " as a draft", "sha256", BenchStore.sha256(List.of(file))));
        return text.replace(active, "gkb:lifecycleStatus status:draft ;");
    }
}
