package org.guidelinekb.reasoner;

import java.util.List;

/**
 * One attribute a patient case may carry (a concept in scheme code:attribute/), as the ontology declares it.
 *
 * @param index   position in {@link CaseAttributes#all()}; a {@link PatientCase} stores values by it
 * @param name    the name in the case JSON (gkb:caseName)
 * @param scheme  the value scheme of a concept or concept-list attribute, else null
 * @param values  the notations a case may give (grouping concepts excluded), empty for boolean and integer
 * @param min     smallest allowed integer, or null
 * @param max     largest allowed integer, or null
 * @param rule    how a derived attribute is computed, or null for an attribute the case gives
 * @param formOrder position in a case form (gkb:formOrder, clinical order), or null
 * @param formHelp  help text for a case form, in words (gkb:formHelp), or null
 */
public record CaseAttribute(int index, String name, String iri, String label, String comment, AttributeType type,
                            String scheme, List<String> values, Integer min, Integer max, DerivationRule rule,
                            Integer formOrder, String formHelp) {

    public boolean derived() {
        return rule != null;
    }

    /** The attribute a client must give to decide this one: itself, or the source of a derived attribute. */
    public String decidedBy() {
        return rule == null ? name : rule.from().name();
    }
}
