package org.guidelinekb.fhir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.reasoner.Concepts;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EffectEvidenceSynthesis;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.EvidenceVariable;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Resource;

/**
 * The evidence a version's statements link to, in FHIR R4 terms: an {@code EffectEvidenceSynthesis} per hazard-ratio
 * finding (the effect estimate with its interval level and bounds, its study cited with title, registry ids and
 * publications, {@link FhirStudies}). R4 has no Citation, ArtifactAssessment or Evidence.statistic (those are R5),
 * and its {@code ResearchStudy} requires a recruitment status, which the knowledge base does not record and the
 * export does not guess (R4 has no "unknown" status; the validator refuses a data-absent-reason there): studies,
 * syntheses and other findings stay links ({@code relatedArtifact} of the statements, with the IRI, label and, for a
 * study or a study's finding, the study's citation).
 */
final class FhirEvidence {
    private static final String NS = "https://w3id.org/gkb/ontology#";
    private static final String HAZARD_RATIO = "https://w3id.org/gkb/code/measure/hazard-ratio";

    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Resource> resources = new ArrayList<>();

    private FhirEvidence() {}

    /** From the rows of {@code internal/reasoner-evidence}, grouped by evidence IRI. */
    static FhirEvidence of(Map<String, List<Binding>> rows, FhirStudies studies, Concepts concepts) {
        FhirEvidence out = new FhirEvidence();
        List<Binding> hazardRatios = new ArrayList<>();
        rows.forEach((iri, b) -> {
            Binding r = b.get(0);
            String type = str(r, "type");
            String label = str(r, "label") != null ? str(r, "label") : str(r, "studyLabel");
            if (label != null) out.labels.put(iri, label);
            if ((NS + "Finding").equals(type) && HAZARD_RATIO.equals(str(r, "measure")) && str(r, "value") != null) hazardRatios.add(r);
        });
        for (Binding r : hazardRatios) out.resources.add(synthesis(r, studies, concepts));
        return out;
    }

    String label(String evidence) {
        return labels.get(evidence);
    }

    List<Resource> resources() {
        return resources;
    }

    private static EffectEvidenceSynthesis synthesis(Binding r, FhirStudies studies, Concepts concepts) {
        String iri = str(r, "evidence");
        EffectEvidenceSynthesis s = new EffectEvidenceSynthesis();
        s.setId(FhirIds.id("finding-" + tail(iri, 3)));
        s.setUrl(iri);
        s.addIdentifier().setSystem(FhirUrls.URI).setValue(iri);
        String label = str(r, "label");
        if (label != null) s.setTitle(label);
        s.setStatus(PublicationStatus.UNKNOWN);
        String verification = concepts.notationOf(str(r, "verification"));
        s.setDescription("A finding of " + (str(r, "studyLabel") == null ? "a study" : str(r, "studyLabel"))
                + (str(r, "subgroup") == null ? "" : " (subgroup: " + str(r, "subgroup") + ")")
                + "; verification status in the knowledge base: " + (verification == null ? "not recorded" : verification) + ".");
        String study = label != null ? label : iri;
        s.setPopulation(variable(s, "population", "The population of " + (str(r, "studyLabel") == null ? "the study" : str(r, "studyLabel"))));
        s.setExposure(variable(s, "exposure", "The compared treatment of: " + study));
        s.setExposureAlternative(variable(s, "comparator", "The reference treatment of: " + study));
        String outcome = str(r, "outcome") == null ? "the outcome" : concepts.labelOf(str(r, "outcome"));
        s.setOutcome(variable(s, "outcome", outcome));
        if (str(r, "study") != null) {
            s.addRelatedArtifact().setType(RelatedArtifact.RelatedArtifactType.CITATION).setUrl(str(r, "study"))
                    .setDisplay(str(r, "studyLabel")).setCitation(studies.citation(str(r, "study")));
        }
        EffectEvidenceSynthesis.EffectEvidenceSynthesisEffectEstimateComponent est = s.addEffectEstimate();
        est.setType(new CodeableConcept(new Coding(FhirUrls.scheme("measure"), "hazard-ratio", "Hazard ratio")).setText("hazard ratio"));
        est.setValue(FhirExport.decimal(str(r, "value")));
        BigDecimal lo = FhirExport.decimal(str(r, "ciLower"));
        BigDecimal hi = FhirExport.decimal(str(r, "ciUpper"));
        BigDecimal level = FhirExport.decimal(str(r, "ciLevel"));
        if (lo != null || hi != null) {
            var p = est.addPrecisionEstimate().setType(new CodeableConcept().setText("confidence interval"));
            if (level != null) p.setLevel(level);
            if (lo != null) p.setFrom(lo);
            if (hi != null) p.setTo(hi);
        }
        return s;
    }

    private static Reference variable(EffectEvidenceSynthesis s, String id, String text) {
        EvidenceVariable v = new EvidenceVariable();
        v.setId(id);
        v.setStatus(PublicationStatus.UNKNOWN);
        v.setDescription(text);
        v.addCharacteristic().setDefinition(new CodeableConcept().setText(text));
        s.addContained(v);
        return new Reference("#" + id);
    }

    private static String tail(String iri, int segments) {
        String[] parts = iri.split("/");
        StringBuilder sb = new StringBuilder();
        for (int k = Math.max(0, parts.length - segments); k < parts.length; k++) sb.append(sb.length() == 0 ? "" : "-").append(parts[k]);
        return sb.toString();
    }

    static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : null;
    }
}
