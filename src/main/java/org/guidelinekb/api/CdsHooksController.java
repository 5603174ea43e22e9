package org.guidelinekb.api;

import java.util.List;

import org.guidelinekb.cds.CdsHooks;
import org.guidelinekb.cds.CdsJwtVerifier;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * CDS Hooks over HTTP (docs/cds-hooks.md): {@code GET /cds-services} (discovery), {@code POST /cds-services/{id}}
 * (a call), {@code POST /cds-services/{id}/feedback}, and {@code GET /api/feedback/summary}. CORS is answered on the
 * {@code /cds-services} routes only (browser-based CDS clients), including OPTIONS preflight. When configured, the
 * client's JWT is checked on calls and feedback (discovery stays open). Feedback, a write, needs a valid JWT unless
 * the operator opened it ({@code --cds-feedback-open}, warned about at start).
 */
public final class CdsHooksController {
    private static final String ALLOW_HEADERS = "Authorization, Content-Type, Accept";
    private static final String ALLOW_METHODS = "GET, POST, OPTIONS";

    private final CdsHooks cds;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CdsHooksController.class);

    private final CdsJwtVerifier jwt;
    private final boolean feedbackOpen;

    public CdsHooksController(CdsHooks cds, CdsJwtVerifier jwt, boolean feedbackOpen) {
        this.cds = cds;
        this.jwt = jwt;
        this.feedbackOpen = feedbackOpen;
        if (feedbackOpen) {
            LOG.warn("CDS Hooks feedback is open (--cds-feedback-open): anyone who can reach this server can store feedback under /id/feedback/");
        }
    }

    public void routes(RoutesConfig r) {
        r.before("/cds-services", this::cors);
        r.before("/cds-services/*", this::cors);
        r.options("/cds-services", this::preflight);
        r.options("/cds-services/{id}", this::preflight);
        r.options("/cds-services/{id}/feedback", this::preflight);
        r.get("/cds-services", ctx -> ctx.json(cds.discovery()));
        r.post("/cds-services/{id}", this::call);
        r.post("/cds-services/{id}/feedback", this::feedback);
        r.get("/api/feedback/summary", ctx -> ctx.json(cds.feedbackSummary()));
    }

    private void cors(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        if (origin != null) ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
        ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
        ctx.header("Access-Control-Max-Age", "600");
    }

    private void preflight(Context ctx) {
        ctx.status(204);
    }

    private void call(Context ctx) {
        String id = ctx.pathParam("id");
        cds.services().require(id);   // 404 for an unknown service before anything else
        String service = base(ctx) + "/cds-services/" + id;
        jwt.check(ctx.header("Authorization"), List.of(service));   // aud: exactly the endpoint invoked, never the discovery URL
        ctx.json(cds.call(id, ctx.body(), base(ctx)));
    }

    private void feedback(Context ctx) {
        String id = ctx.pathParam("id");
        cds.services().require(id);
        String service = base(ctx) + "/cds-services/" + id;
        List<String> audiences = List.of(service, service + "/feedback");
        if (feedbackOpen) jwt.check(ctx.header("Authorization"), audiences);
        else jwt.require(ctx.header("Authorization"), audiences);
        ctx.json(cds.feedback(id, ctx.body()));
    }

    /** The server's public base URL ({@link PublicUrl}), for absolute links and the JWT audience; never the Host header. */
    static String base(Context ctx) {
        return PublicUrl.of(ctx);
    }
}
