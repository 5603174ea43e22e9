package org.guidelinekb.api;

import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.VersionStatusLine;
import org.guidelinekb.reasoner.EvaluationJson;
import org.guidelinekb.reasoner.Reasoner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The reasoner over HTTP (docs/evaluating.md): {@code POST /api/evaluate}, {@code POST /api/evaluate/compare}
 * and {@code GET /api/case-attributes}. Bodies are JSON whatever the Content-Type says; bad input is a 400
 * problem naming each field, an unknown guideline or version a 404.
 */
public final class EvaluateController {
    private final Reasoner reasoner;

    public EvaluateController(Reasoner reasoner) {
        this.reasoner = reasoner;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/evaluate", this::evaluate);
        r.post("/api/evaluate/compare", this::compare);
        r.get("/api/case-attributes", this::attributes);
    }

    void evaluate(Context ctx) {
        ObjectNode out = EvaluationJson.of(reasoner.evaluate(ctx.body()));
        Catalog catalog = reasoner.index().catalog();
        for (JsonNode v : out.path("evaluatedAgainst")) { // the version's status in words, first line of the page's result
            catalog.find(v.path("guideline").asText()).ifPresent(g -> g.versions().stream()
                    .filter(x -> x.label().equals(v.path("version").asText())).findFirst()
                    .ifPresent(x -> ((ObjectNode) v).put("title", g.title()).put("status", x.status()).put("plain", VersionStatusLine.of(g, x))));
        }
        ctx.json(out);
    }

    void compare(Context ctx) {
        ctx.json(reasoner.compare(ctx.body()));
    }

    void attributes(Context ctx) {
        ctx.json(EvaluationJson.of(reasoner.attributes()));
    }
}
