package org.guidelinekb.reasoner;

/**
 * The comparison of an attribute criterion (scheme code:condition/). Every condition is UNKNOWN when the case does
 * not give the attribute.
 */
public enum Condition {
    /** One value; met when the case value is that value. */
    EQUALS("equals"),
    /** Several values; met when the case value is one of them. */
    IN("in"),
    /** Integer; met when the case value is at least the value. */
    AT_LEAST("at-least"),
    /** Integer; met when the case value is at most the value. */
    AT_MOST("at-most"),
    /** No value; met when the attribute is known and, for a list, non-empty; not met for a known empty list. */
    PRESENT("present"),
    /** A concept; met when some case value is that concept or narrower; not met when the known list has none. */
    INCLUDES("includes");

    private final String notation;

    Condition(String notation) {
        this.notation = notation;
    }

    /** The word used in the API and in code:condition/ (e.g. at-least). */
    public String notation() {
        return notation;
    }

    /** The condition a notation or IRI names (also the contract's camel-case spellings atLeast / atMost), or null. */
    static Condition of(String notationOrIri) {
        if (notationOrIri == null) return null;
        String s = notationOrIri.substring(Math.max(notationOrIri.lastIndexOf('/'), notationOrIri.lastIndexOf('#')) + 1);
        for (Condition c : values()) {
            if (c.notation.equals(s) || c.notation.replace("-l", "L").replace("-m", "M").equals(s)) return c;
        }
        return null;
    }
}
