package org.guidelinekb.fhir;

import java.util.Date;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/** What {@code GET /fhir/metadata} answers: this server's FHIR R4 CapabilityStatement (read of export Bundles, their import). */
public final class FhirCapability {
    private FhirCapability() {}

    public static CapabilityStatement of(String serverVersion, Date started) {
        CapabilityStatement c = new CapabilityStatement();
        c.setId("guideline-kb");
        c.setStatus(PublicationStatus.ACTIVE);
        c.setDate(started);
        c.setKind(CapabilityStatementKind.INSTANCE);
        c.setPublisher("guideline-kb");
        c.setDescription("Each guideline version as an HL7 CPG-on-FHIR R4 collection Bundle: GET /fhir/Bundle/{guideline}--{version}"
                + " (e.g. /fhir/Bundle/nccn-breast--2015). Read only; there is no search. See docs/fhir.md.");
        c.getSoftware().setName("guideline-kb").setVersion(serverVersion);
        c.getImplementation().setDescription("guideline-kb FHIR export");
        c.setFhirVersion(FHIRVersion._4_0_1);
        c.addFormat("application/fhir+json");
        c.addFormat("json");
        var rest = c.addRest().setMode(RestfulCapabilityMode.SERVER)
                .setDocumentation("Bundle ids are {guideline}--{version}; an unknown one is a 404 application/problem+json.");
        var bundle = rest.addResource().setType("Bundle");
        bundle.addInteraction().setCode(TypeRestfulInteraction.READ)
                .setDocumentation("A guideline version: a PlanDefinition (CPG recommendation definition) per statement, its"
                        + " Library (CQL and ELM JSON), EffectEvidenceSynthesis for the linked hazard-ratio findings (cited studies are"
                        + " described in relatedArtifact; no ResearchStudy: R4 requires a recruitment status the knowledge base does not"
                        + " record), Provenance.");
        bundle.addInteraction().setCode(TypeRestfulInteraction.CREATE)
                .setDocumentation("POST /fhir/Bundle?label=L with a write token: a Bundle this server exported, imported as a new"
                        + " draft version (guideline-kb's own import, not a FHIR store: the Bundle is not kept as a resource).");
        for (String p : new String[] {FhirUrls.RECOMMENDATION_DEFINITION, FhirUrls.COMPUTABLE_LIBRARY}) bundle.addSupportedProfile(p);
        return c;
    }
}
