package org.guidelinekb.api;

import java.util.Date;

import org.guidelinekb.util.ServerVersion;
import org.guidelinekb.auth.WriteTokens;
import org.guidelinekb.fhir.FhirCapability;
import org.guidelinekb.fhir.FhirExport;
import org.guidelinekb.fhir.FhirImport;
import org.guidelinekb.fhir.FhirJson;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The FHIR face of the knowledge base (docs/fhir.md): {@code GET /fhir/metadata} (CapabilityStatement) and
 * {@code GET /fhir/Bundle/{guideline}--{version}} (the version as a CPG-on-FHIR R4 collection Bundle), both
 * {@code application/fhir+json}. An unknown guideline or version is a 404 problem, like every other route.
 * {@code POST /fhir/Bundle?label=L} (write token) imports such a Bundle as a new draft version (201, the write result);
 * a Bundle not of that shape is a 400 problem naming what is missing.
 */
public final class FhirController {
    private final FhirExport export;
    private final FhirImport importer;
    private final WriteTokens tokens;
    private final Date started = new Date();

    public FhirController(FhirExport export, FhirImport importer, WriteTokens tokens) {
        this.export = export;
        this.importer = importer;
        this.tokens = tokens;
    }

    public void routes(RoutesConfig r) {
        r.get("/fhir/metadata", this::metadata);
        r.get("/fhir/Bundle/{id}", this::bundle);
        r.post("/fhir/Bundle", this::importBundle);
    }

    /** JSON is UTF-8 (RFC 8259) whatever the Content-Type says. */
    void importBundle(Context ctx) {
        String agent = tokens.authenticate(ctx.header("Authorization"));
        var w = importer.importBundle(new String(ctx.bodyAsBytes(), java.nio.charset.StandardCharsets.UTF_8), ctx.queryParam("label"), agent).write();
        ctx.status(201).header("Location", "/api/guidelines/" + w.guideline() + "/versions/" + w.version()).json(w);
    }

    void metadata(Context ctx) {
        ctx.contentType(FhirJson.MEDIA_TYPE + "; charset=utf-8").result(FhirJson.write(FhirCapability.of(ServerVersion.get(), started)));
    }

    void bundle(Context ctx) {
        ctx.contentType(FhirJson.MEDIA_TYPE + "; charset=utf-8").result(FhirJson.write(export.export(ctx.pathParam("id"))));
    }
}
