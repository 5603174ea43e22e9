package org.guidelinekb.generate;

import java.util.List;

/**
 * A case attribute as the generator uses it (mirrors {@code ontology/gkb.ttl} and {@code derived-attributes.ttl};
 * generated files are validated against the real ontology, so a drift here fails the smoke test).
 *
 * @param values  the concept codes of a concept or concept-list attribute (grouping concepts included)
 * @param caseValues the codes a case may carry (grouping concepts excluded)
 */
public record CaseAttributeSpec(String name, Type type, String scheme, List<String> values, List<String> caseValues,
                                int min, int max, boolean derived) {
    public enum Type { BOOLEAN, INTEGER, CONCEPT, CONCEPT_LIST }

    static CaseAttributeSpec bool(String name) {
        return new CaseAttributeSpec(name, Type.BOOLEAN, null, List.of(), List.of(), 0, 1, false);
    }

    static CaseAttributeSpec derived(String name) {
        return new CaseAttributeSpec(name, Type.BOOLEAN, null, List.of(), List.of(), 0, 1, true);
    }

    static CaseAttributeSpec integer(String name, int min, int max) {
        return new CaseAttributeSpec(name, Type.INTEGER, null, List.of(), List.of(), min, max, false);
    }

    static CaseAttributeSpec concept(String name, String scheme, List<String> values) {
        return new CaseAttributeSpec(name, Type.CONCEPT, scheme, values, values, 0, 0, false);
    }

    static CaseAttributeSpec list(String name, String scheme, List<String> values, List<String> caseValues) {
        return new CaseAttributeSpec(name, Type.CONCEPT_LIST, scheme, values, caseValues, 0, 0, false);
    }
}
