package org.guidelinekb.cds;

import java.util.List;

/**
 * How one case attribute is read from FHIR: the evidence in order of precedence (the first that matches decides; a
 * list attribute collects every match) and what absence means ({@code unknown}, the only value the bundled file uses).
 */
public record AttributeRule(String attribute, List<Evidence> evidence, String whenAbsent, String note) {
    public AttributeRule {
        evidence = List.copyOf(evidence);
    }
}
