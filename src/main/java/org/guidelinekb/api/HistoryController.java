package org.guidelinekb.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.guidelinekb.versioning.RecommendationHistory;
import org.guidelinekb.versioning.RecommendationHistory.Appearance;
import org.guidelinekb.versioning.Versions;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/recommendations/{guideline}/{rec}/history}: every version that states recommendation
 * {@code id:guideline/{guideline}/recommendation/{rec}}, with, for each field, the version that introduced its current
 * value. Published versions only; {@code ?drafts=true} includes drafts.
 */
public final class HistoryController {
    private final Versions versions;

    public HistoryController(Versions versions) {
        this.versions = versions;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/recommendations/{g}/{r}/history", this::history);
    }

    void history(Context ctx) {
        boolean drafts = "true".equalsIgnoreCase(ctx.queryParam("drafts"));
        RecommendationHistory h = versions.history(ctx.pathParam("g"), ctx.pathParam("r"), drafts);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recommendation", h.recommendation());
        body.put("id", h.id());
        body.put("guideline", h.guideline());
        body.put("label", h.label());
        body.put("versions", h.appearances().stream().map(HistoryController::appearance).toList());
        body.put("absentFrom", h.absences());
        ctx.json(body);
    }

    private static Map<String, Object> appearance(Appearance a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", a.version());
        m.put("status", a.status());
        m.put("effectiveFrom", a.effectiveFrom());
        m.put("statement", VersionJson.statement(a.statement()));
        m.put("fields", a.fields());
        return m;
    }
}
