package org.guidelinekb.api;

import java.util.Date;

import org.guidelinekb.ServerVersion;
import org.guidelinekb.fhir.FhirCapability;
import org.guidelinekb.fhir.FhirExport;
import org.guidelinekb.fhir.FhirJson;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The FHIR face of the knowledge base (docs/fhir.md): {@code GET /fhir/metadata} (CapabilityStatement) and
 * {@code GET /fhir/Bundle/{guideline}--{version}} (the version as a CPG-on-FHIR R4 collection Bundle), both
 * {@code application/fhir+json}. An unknown guideline or version is a 404 problem, like every other route.
 */
public final class FhirController {
    private final FhirExport export;
    private final Date started = new Date();

    public FhirController(FhirExport export) {
        this.export = export;
    }

    public void routes(RoutesConfig r) {
        r.get("/fhir/metadata", this::metadata);
        r.get("/fhir/Bundle/{id}", this::bundle);
    }

    void metadata(Context ctx) {
        ctx.contentType(FhirJson.MEDIA_TYPE).result(FhirJson.write(FhirCapability.of(ServerVersion.get(), started)));
    }

    void bundle(Context ctx) {
        ctx.contentType(FhirJson.MEDIA_TYPE).result(FhirJson.write(export.export(ctx.pathParam("id"))));
    }
}
