package org.guidelinekb.reasoner;

/** The value type of a case attribute (gkb:valueType), and the word the API uses for it. */
public enum AttributeType {
    BOOLEAN("boolean", "BooleanValue"),
    INTEGER("integer", "IntegerValue"),
    CONCEPT("concept", "ConceptValue"),
    CONCEPT_LIST("concept-list", "ConceptListValue");

    private final String word;
    private final String term;

    AttributeType(String word, String term) {
        this.word = word;
        this.term = term;
    }

    public String word() {
        return word;
    }

    /** The type for a gkb: value-type IRI, or null when the IRI names none. */
    static AttributeType ofIri(String iri) {
        for (AttributeType t : values()) {
            if (iri != null && iri.endsWith("#" + t.term)) return t;
        }
        return null;
    }

    public boolean isConcept() {
        return this == CONCEPT || this == CONCEPT_LIST;
    }
}
