package org.guidelinekb.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/** FHIR R4 JSON in and out (HAPI's parser; its context is built once and shared). */
public final class FhirJson {
    public static final String MEDIA_TYPE = "application/fhir+json";

    private FhirJson() {}

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    public static String write(IBaseResource r) {
        return parser().setPrettyPrint(true).encodeResourceToString(r);
    }

    static IParser parser() {
        return context().newJsonParser();
    }
}
