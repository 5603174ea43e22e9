package org.guidelinekb.api;

import java.util.Map;

import org.apache.jena.riot.Lang;
import org.guidelinekb.auth.WriteTokens;
import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.load.ContentFile;
import org.guidelinekb.versioning.EncodedVersion;
import org.guidelinekb.versioning.Versions;
import org.guidelinekb.versioning.WriteResult;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * Guidelines and their versions (docs/versions.md). Reads are open; every write needs
 * {@code Authorization: Bearer <token>} and is checked before anything else is looked at.
 */
public final class GuidelineController {
    private final Versions versions;
    private final WriteTokens tokens;

    public GuidelineController(Versions versions, WriteTokens tokens) {
        this.versions = versions;
        this.tokens = tokens;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/guidelines", this::list);
        r.get("/api/guidelines/{g}", this::guideline);
        r.get("/api/guidelines/{g}/version", this::selected);
        r.get("/api/guidelines/{g}/versions/{v}", this::version);
        r.post("/api/guidelines/{g}/versions", this::create);
        r.put("/api/guidelines/{g}/versions/{v}", this::replace);
        r.delete("/api/guidelines/{g}/versions/{v}", this::delete);
        r.post("/api/guidelines/{g}/versions/{v}/publish", this::publish);
        r.post("/api/guidelines/{g}/versions/{v}/retire", this::retire);
    }

    void list(Context ctx) {
        Catalog c = versions.catalog();
        ctx.json(c.guidelines().stream().map(g -> VersionJson.guideline(g, current(c, g))).toList());
    }

    void guideline(Context ctx) {
        Catalog c = versions.catalog();
        GuidelineInfo g = c.guideline(ctx.pathParam("g"));
        ctx.json(VersionJson.guideline(g, current(c, g)));
    }

    /** {@code ?version=LABEL}, {@code ?asOf=YYYY-MM-DD} (the version in effect that day) or neither (the current one). */
    void selected(Context ctx) {
        VersionSelector sel = VersionSelector.of(ctx.queryParam("version"), ctx.queryParam("asOf"));
        Map<String, Object> body = VersionJson.versionWithStatements(versions.version(ctx.pathParam("g"), sel));
        body.put("selectedBy", sel.toString());
        ctx.json(body);
    }

    void version(Context ctx) {
        EncodedVersion v = versions.version(ctx.pathParam("g"), VersionSelector.label(ctx.pathParam("v")));
        ctx.json(VersionJson.versionWithStatements(v));
    }

    void create(Context ctx) {
        String agent = tokens.authenticate(ctx.header("Authorization"));
        WriteResult w = versions.writes().create(ctx.pathParam("g"), body(ctx), agent);
        String location = "/api/guidelines/" + w.guideline() + "/versions/" + w.version();
        ctx.status(201).header("Location", location).json(w);
    }

    void replace(Context ctx) {
        String agent = tokens.authenticate(ctx.header("Authorization"));
        ctx.json(versions.writes().replace(ctx.pathParam("g"), ctx.pathParam("v"), body(ctx), agent));
    }

    void delete(Context ctx) {
        String agent = tokens.authenticate(ctx.header("Authorization"));
        ctx.json(versions.writes().delete(ctx.pathParam("g"), ctx.pathParam("v"), agent));
    }

    void publish(Context ctx) {
        String agent = tokens.authenticate(ctx.header("Authorization"));
        ctx.json(versions.writes().publish(ctx.pathParam("g"), ctx.pathParam("v"), agent));
    }

    void retire(Context ctx) {
        String agent = tokens.authenticate(ctx.header("Authorization"));
        ctx.json(versions.writes().retire(ctx.pathParam("g"), ctx.pathParam("v"), agent));
    }

    private static String current(Catalog c, GuidelineInfo g) {
        try {
            return c.resolve(g.id(), VersionSelector.CURRENT).label();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The request body as a content file; its syntax comes from Content-Type (Turtle, TriG or JSON-LD), else 415. */
    private static ContentFile body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", -1)[0].strip().toLowerCase(java.util.Locale.ROOT);
        Lang lang = switch (type) {
            case "text/turtle" -> Lang.TURTLE;
            case "application/trig" -> Lang.TRIG;
            case "application/ld+json" -> Lang.JSONLD;
            default -> throw new HttpResponseException(415, "send the version as text/turtle, application/trig or application/ld+json"
                    + (type.isEmpty() ? " (no Content-Type given)" : ", not " + type));
        };
        return new ContentFile("request body (" + type + ")", ctx.bodyAsBytes(), lang);
    }
}
