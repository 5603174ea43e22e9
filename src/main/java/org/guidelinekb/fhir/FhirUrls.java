package org.guidelinekb.fhir;

/**
 * The canonical URLs the FHIR export uses. Those of HL7 were checked against the text of the CPG IG (STU2, 2.0.0) and
 * FHIR R4 core; those under {@code https://w3id.org/gkb/} are this project's own (docs/fhir.md lists which is which).
 */
public final class FhirUrls {
    private FhirUrls() {}

    // HL7 CPG IG 2.0.0 profiles
    public static final String CPG = "http://hl7.org/fhir/uv/cpg/StructureDefinition/";
    public static final String RECOMMENDATION_DEFINITION = CPG + "cpg-recommendationdefinition";
    public static final String COMPUTABLE_LIBRARY = CPG + "cpg-computablelibrary";
    // extensions: direction is CPG's; strength and quality of evidence are FHIR R4 core's cqf- extensions, as CPG uses them
    public static final String DIRECTION = CPG + "cpg-directionOfRecommendation";
    public static final String DIRECTION_CS = "http://hl7.org/fhir/uv/cpg/CodeSystem/cpg-recommendation-direction-cs";
    public static final String STRENGTH = "http://hl7.org/fhir/StructureDefinition/cqf-strengthOfRecommendation";
    public static final String QUALITY = "http://hl7.org/fhir/StructureDefinition/cqf-qualityOfEvidence";
    public static final String DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    // FHIR R4 terminology
    public static final String PLAN_DEFINITION_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type";
    public static final String LIBRARY_TYPE = "http://terminology.hl7.org/CodeSystem/library-type";
    public static final String URI = "urn:ietf:rfc:3986";

    // this project's own
    public static final String GKB_CODE = "https://w3id.org/gkb/code/";
    public static final String GKB_EXT = "https://w3id.org/gkb/fhir/StructureDefinition/";
    public static final String EXT_MODALITY = GKB_EXT + "modality";
    public static final String EXT_CATEGORY_BASIS = GKB_EXT + "category-basis";
    public static final String EXT_SECTION = GKB_EXT + "section";
    public static final String EXT_QUESTION = GKB_EXT + "question";
    public static final String EXT_CRITERION = GKB_EXT + "criterion";
    public static final String EXT_ROOT = GKB_EXT + "root-criterion";
    public static final String EXT_COVERAGE = GKB_EXT + "coverage";
    /** Base of every entry's fullUrl: {@code https://w3id.org/gkb/fhir/{type}/{id}}. */
    public static final String ENTRY_BASE = "https://w3id.org/gkb/fhir/";

    /** The Coding system of a gkb concept scheme, e.g. {@code https://w3id.org/gkb/code/action/}. */
    public static String scheme(String name) {
        return GKB_CODE + name + "/";
    }
}
