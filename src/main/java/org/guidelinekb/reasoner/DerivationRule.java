package org.guidelinekb.reasoner;

/**
 * How a derived attribute is computed from a concept-list attribute (ontology/derived-attributes.ttl), in
 * three-valued logic:
 * <ul>
 * <li>{@code ALL_VALUES_WITHIN}: TRUE when the list is non-empty and every value is the concept or narrower; FALSE
 *     when the list is known and empty or has a value outside; UNKNOWN when the list is not given;</li>
 * <li>{@code ANY_VALUE_WITHIN}: TRUE when some value is the concept or narrower; FALSE when the list is known
 *     (possibly empty) and has none; UNKNOWN when the list is not given.</li>
 * </ul>
 *
 * @param from    the attribute the value is derived from
 * @param concept index of the concept in {@link Concepts}
 */
public record DerivationRule(Kind kind, CaseAttribute from, int concept, String conceptNotation) {

    public enum Kind {
        ALL_VALUES_WITHIN("AllValuesWithin"), ANY_VALUE_WITHIN("AnyValueWithin");

        private final String term;

        Kind(String term) {
            this.term = term;
        }

        public String term() {
            return term;
        }

        static Kind ofIri(String iri) {
            for (Kind k : values()) {
                if (iri != null && iri.endsWith("#" + k.term)) return k;
            }
            return null;
        }
    }

    /** Applies the rule to the source list (concept indexes); {@code values == null} means not given. */
    Tri apply(int[] values, Concepts concepts) {
        if (values == null) return Tri.UNKNOWN;
        if (kind == Kind.ALL_VALUES_WITHIN) {
            if (values.length == 0) return Tri.FALSE;
            for (int v : values) {
                if (!concepts.within(v, concept)) return Tri.FALSE;
            }
            return Tri.TRUE;
        }
        for (int v : values) {
            if (concepts.within(v, concept)) return Tri.TRUE;
        }
        return Tri.FALSE;
    }
}
