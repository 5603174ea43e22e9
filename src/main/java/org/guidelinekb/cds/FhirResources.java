package org.guidelinekb.cds;

import java.util.Date;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Reading the few elements the mapping uses from HAPI's R4 model: a resource's code, status elements and date. */
final class FhirResources {
    private FhirResources() {}

    /** The code the mapping matches: Condition/Observation/Procedure/ServiceRequest.code, the medication of a request. */
    static CodeableConcept code(Resource r) {
        if (r instanceof Condition c) return c.getCode();
        if (r instanceof Observation o) return o.getCode();
        if (r instanceof Procedure p) return p.getCode();
        if (r instanceof ServiceRequest s) return s.getCode();
        if (r instanceof MedicationRequest m) {
            if (m.hasMedicationCodeableConcept()) return m.getMedicationCodeableConcept();
            if (m.hasMedicationReference() && m.getMedicationReference().getResource() instanceof Medication med) return med.getCode();
            String ref = m.hasMedicationReference() ? m.getMedicationReference().getReference() : null;
            if (ref != null && ref.startsWith("#")) {
                for (Resource contained : m.getContained()) {
                    if (contained instanceof Medication med && ref.substring(1).equals(contained.getIdElement().getIdPart())) return med.getCode();
                }
            }
        }
        return null;
    }

    /** The value of a status-like element the filters name, or null when absent. */
    static String element(Resource r, String element) {
        if (r instanceof Condition c) {
            return switch (element) {
                case "clinicalStatus" -> firstCode(c.getClinicalStatus());
                case "verificationStatus" -> firstCode(c.getVerificationStatus());
                default -> null;
            };
        }
        if (r instanceof Observation o && element.equals("status")) return o.hasStatus() ? o.getStatus().toCode() : null;
        if (r instanceof Procedure p && element.equals("status")) return p.hasStatus() ? p.getStatus().toCode() : null;
        if (r instanceof ServiceRequest s && element.equals("status")) return s.hasStatus() ? s.getStatus().toCode() : null;
        if (r instanceof MedicationRequest m) {
            return switch (element) {
                case "status" -> m.hasStatus() ? m.getStatus().toCode() : null;
                case "intent" -> m.hasIntent() ? m.getIntent().toCode() : null;
                default -> null;
            };
        }
        return null;
    }

    /** When an observation holds: effective[x] (dateTime, period start, instant), else issued; null when none. */
    static Date when(Observation o) {
        if (o.hasEffectiveDateTimeType()) return o.getEffectiveDateTimeType().getValue();
        if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStart()) return o.getEffectivePeriod().getStart();
        if (o.hasEffectiveInstantType()) return o.getEffectiveInstantType().getValue();
        return o.hasIssued() ? o.getIssued() : null;
    }

    /** "Type/id (system code)" for notes. */
    static String describe(Resource r) {
        CodeableConcept cc = code(r);
        String id = r.fhirType() + (r.getIdElement().hasIdPart() ? "/" + r.getIdElement().getIdPart() : "");
        if (cc == null || cc.getCoding().isEmpty()) return id;
        var c = cc.getCodingFirstRep();
        return id + " (" + c.getSystem() + " " + c.getCode() + ")";
    }

    private static String firstCode(CodeableConcept cc) {
        if (cc == null) return null;
        for (var c : cc.getCoding()) {
            if (c.hasCode()) return c.getCode();
        }
        return null;
    }
}
