package org.guidelinekb.generate;

import java.util.List;

/**
 * One criterion of a generated statement. {@code key} is unique in its statement (the IRI is
 * {@code {statement}/criterion/{key}}); {@code children} are the operands of all-of / any-of / not, or the factors of
 * a judgement.
 */
public record GenCriterion(String key, Kind kind, String label, String attribute, String condition, List<Term> values,
                           List<GenCriterion> children) {
    public enum Kind { ALL_OF, ANY_OF, NOT, ATTRIBUTE, JUDGEMENT }

    public static GenCriterion attribute(String key, String label, String attribute, String condition, List<Term> values) {
        return new GenCriterion(key, Kind.ATTRIBUTE, label, attribute, condition, List.copyOf(values), List.of());
    }

    public static GenCriterion composite(String key, Kind kind, String label, List<GenCriterion> children) {
        return new GenCriterion(key, kind, label, null, null, List.of(), List.copyOf(children));
    }

    public GenCriterion withChildren(List<GenCriterion> c) {
        return new GenCriterion(key, kind, label, attribute, condition, values, List.copyOf(c));
    }

    /** This criterion and every criterion below it, depth first. */
    public void collect(List<GenCriterion> out) {
        out.add(this);
        for (GenCriterion c : children) c.collect(out);
    }
}
