package org.guidelinekb.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.guidelinekb.ServerVersion;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreStats;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /api/health}: status, store kind and location, triple and graph counts, server version. */
public final class HealthController {
    private final KnowledgeStore store;

    public HealthController(KnowledgeStore store) {
        this.store = store;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/health", this::health);
    }

    void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean up = store.reachable();
        body.put("status", up ? "ok" : "unavailable");
        body.put("version", ServerVersion.get());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", store.info().kind());
        s.put("location", store.info().location());
        s.put("reachable", up);
        if (up) {
            StoreStats stats = store.read(r -> r.stats());
            s.put("triples", stats.triples());
            s.put("graphs", stats.graphs());
        }
        body.put("store", s);
        ctx.status(up ? 200 : 503).json(body);
    }
}
