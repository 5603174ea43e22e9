package org.guidelinekb.versioning;

import java.util.List;

/**
 * One criterion of a statement's applicability tree, as read from a version graph. {@code kind} is the local name of
 * its class (AllOf, AnyOf, Not, AttributeCriterion, JudgementCriterion); {@code attribute} is the case attribute's
 * name and {@code condition} the condition's code; {@code values} are literal values or concept codes, sorted;
 * {@code operands} and {@code factors} are the keys of other criteria of the same statement, sorted.
 */
public record CriterionNode(String iri, String key, String kind, String attribute, String condition, String label,
                            List<String> values, List<String> operands, List<String> factors) {

    /** The criterion in words, e.g. {@code metastatic is true} or {@code any of: bleeding, pain}. Equal meaning, equal words. */
    public String describe() {
        String k = kind == null ? "Criterion" : kind;
        return switch (k) {
            case "AllOf" -> "all of: " + String.join(", ", operands);
            case "AnyOf" -> "any of: " + String.join(", ", operands);
            case "Not" -> "not: " + String.join(", ", operands);
            case "AttributeCriterion" -> attributeWords();
            case "JudgementCriterion" -> "clinical judgement: \"" + (label == null ? "" : label) + "\""
                    + (factors.isEmpty() ? "" : "; factors: " + String.join(", ", factors));
            default -> k + (label == null ? "" : " \"" + label + "\"");
        };
    }

    private String attributeWords() {
        String a = attribute == null ? "(no attribute)" : attribute;
        String c = condition == null ? "(no condition)" : condition;
        String v = String.join(", ", values);
        return switch (c) {
            case "equals" -> a + " is " + v;
            case "in" -> a + " is one of " + v;
            case "at-least" -> a + " is at least " + v;
            case "at-most" -> a + " is at most " + v;
            case "present" -> a + " is present";
            case "includes" -> a + " includes " + v;
            default -> a + " " + c + (v.isEmpty() ? "" : " " + v);
        };
    }
}
