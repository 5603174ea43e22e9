package org.guidelinekb.cds;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * A named set of codes from the mapping file ({@code cds/fhir-mapping.json}). Only codes marked as checked take part
 * in matching: an {@code unverified} code is kept for the record and never used for a decision.
 */
public record CodeSet(String name, String description, List<Code> codes) {

    /** One code; {@code prefix} matches the code and every code that starts with it (an ICD-10-CM category). */
    public record Code(String system, String code, boolean prefix, String display, String checked, boolean unverified) {
        boolean matches(Coding c) {
            if (unverified || c == null || c.getSystem() == null || c.getCode() == null || !system.equals(c.getSystem())) return false;
            return prefix ? c.getCode().startsWith(code) : c.getCode().equals(code);
        }
    }

    public CodeSet {
        codes = List.copyOf(codes);
    }

    /** Whether one of the concept's codings is a checked code of this set. */
    public boolean matches(CodeableConcept cc) {
        if (cc == null) return false;
        for (Coding coding : cc.getCoding()) {
            if (matches(coding)) return true;
        }
        return false;
    }

    public boolean matches(Coding coding) {
        for (Code code : codes) {
            if (code.matches(coding)) return true;
        }
        return false;
    }
}
