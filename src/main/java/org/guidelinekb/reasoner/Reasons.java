package org.guidelinekb.reasoner;

import java.util.List;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

/** The explanation of a criterion in words, e.g. "primaryTumorIntact is true (required true): met". */
final class Reasons {
    private Reasons() {}

    static String of(Criterion k, StatementResult r, PatientCase c) {
        return describe(k, r, c) + ": " + r.outcome(k).outcome();
    }

    private static String describe(Criterion k, StatementResult r, PatientCase c) {
        if (k instanceof Criterion.AttributeTest a) return attribute(a, c);
        if (k instanceof Criterion.AllOf a) return "all of (" + join(a.operands(), r, c) + ")";
        if (k instanceof Criterion.AnyOf a) return "any of (" + join(a.operands(), r, c) + ")";
        if (k instanceof Criterion.Not n) return "not (" + of(n.operand(), r, c) + ")";
        if (k instanceof Criterion.Judgement j) {
            String what = "needs clinician judgement: " + (j.label() != null ? j.label() : j.key());
            return j.factors().isEmpty() ? what : what + " (features listed by the source: " + join(j.factors(), r, c) + ")";
        }
        Criterion.Unevaluable u = (Criterion.Unevaluable) k;
        return "criterion " + u.key() + " cannot be evaluated as encoded (" + u.problem() + ")";
    }

    private static String join(List<Criterion> ks, StatementResult r, PatientCase c) {
        StringJoiner j = new StringJoiner("; ");
        for (Criterion k : ks) j.add(of(k, r, c));
        return j.toString();
    }

    private static String attribute(Criterion.AttributeTest a, PatientCase c) {
        CaseAttribute attr = a.attribute();
        StringBuilder sb = new StringBuilder(attr.name());
        JsonNode v = c.value(attr);
        sb.append(v.isNull() ? " is not given" : " is " + text(v));
        if (attr.derived() && !v.isNull()) sb.append(" (derived from ").append(attr.rule().from().name()).append(' ')
                .append(text(c.value(attr.rule().from()))).append(')');
        sb.append(" (required ").append(requirement(a)).append(')');
        return sb.toString();
    }

    private static String requirement(Criterion.AttributeTest a) {
        return switch (a.condition()) {
            case EQUALS -> text(a.shown());
            case IN -> "one of " + list(a.shown());
            case AT_LEAST -> "at least " + text(a.shown());
            case AT_MOST -> "at most " + text(a.shown());
            case PRESENT -> a.attribute().type() == AttributeType.CONCEPT_LIST ? "non-empty" : "given";
            case INCLUDES -> "to include " + (a.shown().isArray() ? "one of " + list(a.shown()) : text(a.shown())) + " or narrower";
        };
    }

    private static String text(JsonNode v) {
        if (v.isArray()) return v.isEmpty() ? "[] (none)" : "[" + list(v) + "]";
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static String list(JsonNode arr) {
        StringJoiner j = new StringJoiner(", ");
        arr.forEach(x -> j.add(x.isTextual() ? x.textValue() : x.toString()));
        return j.toString();
    }
}
