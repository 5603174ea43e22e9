package org.guidelinekb.api;

import java.util.LinkedHashMap;
import java.util.Map;

import java.util.function.Supplier;

import org.guidelinekb.error.ProblemType;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreStats;
import org.guidelinekb.util.ServerVersion;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /api/health}: status, store kind and location, triple and graph counts, server version. */
public final class HealthController {
    /** Counting every triple costs time proportional to the store: counts are recomputed at most this often. */
    static final long STATS_MAX_AGE_NANOS = 2_000_000_000L;

    private final KnowledgeStore store;
    private final Supplier<ReasonerIndex> reasoner;
    private volatile Counted counted = new Counted(null, 0);

    private record Counted(StoreStats stats, long atNanos) {}

    /** {@code reasoner} gives the reasoner's current index: ready once its active versions are compiled. */
    public HealthController(KnowledgeStore store, Supplier<ReasonerIndex> reasoner) {
        this.store = store;
        this.reasoner = reasoner;
    }

    /** The store's counts, at most {@link #STATS_MAX_AGE_NANOS} old, so health checks stay cheap under load. */
    private StoreStats stats() {
        Counted c = counted;
        long now = System.nanoTime();
        if (c.stats() == null || now - c.atNanos() > STATS_MAX_AGE_NANOS) {
            c = new Counted(store.read(r -> r.stats()), now);
            counted = c;
        }
        return c.stats();
    }

    public void routes(RoutesConfig r) {
        r.get("/api/health", this::health);
        r.get("/api/ready", this::ready);
    }

    /**
     * Readiness for load balancers: 200 when the store answers and the reasoner has compiled the active guideline
     * versions (the first evaluations need nothing more), else 503 (and back to 200 when it is).
     */
    void ready(Context ctx) {
        ReasonerIndex ix = reasoner.get();
        int active = ix.activeCount();
        int compiled = ix.activeCompiledCount();
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("active", active);
        versions.put("activeCompiled", compiled);
        versions.put("otherCompiled", ix.retainedCount());
        if (!store.reachable()) {
            new Problem(ProblemType.STORE_UNAVAILABLE, 503,
                    "the " + store.info().kind() + " store at " + publicLocation() + " does not answer").send(ctx);
        } else if (compiled < active) {
            new Problem(ProblemType.NOT_READY, 503, "the reasoner is compiling the active guideline versions ("
                    + compiled + " of " + active + " done); evaluations wait for the version they need",
                    Map.of("reasoner", versions)).send(ctx);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ready", true);
            body.put("store", store.info().kind());
            body.put("reasoner", versions);
            ctx.json(body);
        }
    }

    /** Where the store is, as anyone may see it: a TDB2 folder by its name only, never its absolute path. */
    private String publicLocation() {
        String location = store.info().location();
        if (!store.info().kind().equals("tdb2")) return location;
        java.nio.file.Path name = java.nio.file.Path.of(location).getFileName();
        return name == null ? "tdb2" : name.toString();
    }

    void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up = store.reachable();
        body.put("status", up ? "ok" : "unavailable");
        body.put("version", ServerVersion.get());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", store.info().kind());
        s.put("location", publicLocation());
        s.put("reachable", up);
        if (up) {
            StoreStats stats = stats();
            s.put("triples", stats.triples());
            s.put("graphs", stats.graphs());
            s.put("defaultGraphIsUnion", stats.defaultGraphIsUnion());
            if (!stats.defaultGraphIsUnion()) {
                s.put("warning", "the store's default graph is not the union of its named graphs: public SPARQL queries without GRAPH "
                        + "see nothing (Fuseki: start it with --set tdb:unionDefaultGraph=true; docs/deployment.md)");
            }
        }
        body.put("store", s);
        ctx.status(up ? 200 : 503).json(body);
    }
}
