package org.guidelinekb.generate;

/**
 * A value in generated content: a boolean or integer literal, or a concept of a code list ({@code scheme} is the
 * list's path under {@code https://w3id.org/gkb/code/}, {@code code} the concept's last IRI segment).
 */
public record Term(Kind kind, String scheme, String code) {
    public enum Kind { BOOLEAN, INTEGER, CONCEPT }

    public static Term bool(boolean b) {
        return new Term(Kind.BOOLEAN, null, Boolean.toString(b));
    }

    public static Term integer(int i) {
        return new Term(Kind.INTEGER, null, Integer.toString(i));
    }

    public static Term concept(String scheme, String code) {
        return new Term(Kind.CONCEPT, scheme, code);
    }

    /** The term in Turtle (with the code-list prefixes the writer declares: {@code receptor:positive}). */
    public String turtle() {
        return kind == Kind.CONCEPT ? CodeLists.prefix(scheme) + ":" + code : code;
    }
}
