package org.guidelinekb.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.versioning.GuidelineDiff;
import org.guidelinekb.versioning.RdfPatchRenderer;
import org.guidelinekb.util.Json;
import org.guidelinekb.versioning.Versions;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

/**
 * {@code GET /api/guidelines/{g}/compare?from=A&to=B}: the clinical comparison of two versions, as JSON (default),
 * Markdown ({@code text/markdown}) or RDF Patch ({@code application/rdf-patch}) by {@code Accept}. Each side is a
 * label ({@code from}, {@code to}) or a date ({@code fromAsOf}, {@code toAsOf}: the version in effect that day);
 * {@code to} defaults to the current version.
 */
public final class CompareController {
    static final String MARKDOWN = "text/markdown";
    static final List<String> OFFERS = List.of("application/json", MARKDOWN, RdfPatchRenderer.CONTENT_TYPE);

    private final Versions versions;

    public CompareController(Versions versions) {
        this.versions = versions;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/guidelines/{g}/compare", this::compare);
    }

    void compare(Context ctx) {
        String type = AcceptNegotiation.choose(ctx.header("Accept"), OFFERS);
        VersionSelector from = VersionSelector.of(ctx.queryParam("from"), ctx.queryParam("fromAsOf"));
        VersionSelector to = VersionSelector.of(ctx.queryParam("to"), ctx.queryParam("toAsOf"));
        if (from.version() == null && from.asOf() == null) {
            throw new InvalidInputException("say which version to compare from: from=LABEL or fromAsOf=YYYY-MM-DD",
                    List.of(new InvalidInputException.FieldError("from", "required (or fromAsOf)", null)));
        }
        String g = ctx.pathParam("g");
        switch (type) {
            case RdfPatchRenderer.CONTENT_TYPE -> ctx.contentType(RdfPatchRenderer.CONTENT_TYPE).result(versions.rdfPatch(g, from, to));
            case MARKDOWN -> ctx.contentType(MARKDOWN + "; charset=utf-8").result(versions.markdown(versions.compare(g, from, to)));
            default -> json(ctx, versions.compare(g, from, to));
        }
    }

    /**
     * The comparison as JSON, written while it is serialised (the bytes {@code ctx.json} gives): a comparison of two
     * 10,000-statement versions is megabytes, which are then never held as one string and its bytes besides.
     */
    private static void json(Context ctx, GuidelineDiff d) {
        ctx.contentType(ContentType.APPLICATION_JSON);
        try (OutputStream out = ctx.outputStream()) {
            Json.MAPPER.writeValue(out, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
