package org.guidelinekb.reasoner.plain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.Concepts;
import org.guidelinekb.reasoner.Criterion;
import org.guidelinekb.reasoner.PatientCase;
import org.guidelinekb.reasoner.StatementResult;
import org.guidelinekb.reasoner.Status;
import org.guidelinekb.reasoner.Tri;
import org.guidelinekb.vocab.GKB;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One recommendation's result in words a clinician reads without a glossary, written from the knowledge base's own
 * labels (docs/plain-language.md): a headline, one "because" sentence per top-level criterion, and the data that would
 * decide an undetermined recommendation, alternatives grouped as one entry ("One of: …, or …"). The API, the
 * /evaluate page and the CDS card detail all show these same sentences.
 */
public record PlainExplanation(String headline, List<String> because, List<String> missing) {

    /** What the lead word says for a statement of modality "informative" (ontology: informative statements are not recommendations). */
    static final String INFORMATIVE = "For information, not a recommendation";

    public PlainExplanation {
        because = List.copyOf(because);
        missing = List.copyOf(missing);
    }

    public static PlainExplanation of(StatementResult r, PatientCase c) {
        Concepts k = c.attributes().concepts();
        CompiledStatement s = r.statement();
        List<String> because = new ArrayList<>();
        if (s.criteria() == null) because.add("No conditions are stated: the statement applies to every patient it addresses.");
        for (Criterion n : topLevel(s.criteria())) because.add(ClinicalWords.upper(clause(n, r, c, k)) + ".");
        Set<String> missing = new LinkedHashSet<>();
        if (r.status() == Status.UNDETERMINED) {
            for (Criterion n : topLevel(s.criteria())) {
                if (r.outcome(n) == Tri.UNKNOWN) missing.add(ClinicalWords.upper(needed(n, r)));
            }
        }
        return new PlainExplanation(headline(s, r, k), because, List.copyOf(missing));
    }

    public ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("headline", headline);
        ArrayNode b = o.putArray("because");
        because.forEach(b::add);
        ArrayNode m = o.putArray("missing");
        missing.forEach(m::add);
        return o;
    }

    static String headline(CompiledStatement s, StatementResult r, Concepts k) {
        String what = s.recommendationLabel() != null ? s.recommendationLabel() : label(k, "action", s.action());
        String lead = "informative".equals(s.modality()) ? INFORMATIVE : label(k, "modality", s.modality());
        String verdict = switch (r.status()) {
            case APPLICABLE -> "applies to this patient";
            case NOT_APPLICABLE -> "does not apply to this patient";
            case UNDETERMINED -> "cannot be decided from the data given";
        };
        return (lead == null ? "" : lead + ": ") + what + " — " + verdict;
    }

    private static String label(Concepts k, String scheme, String notation) {
        if (notation == null) return null;
        int i = k.index(GKB.CODE + scheme + "/", notation);
        return i >= 0 && k.label(i) != null ? k.label(i) : notation;
    }

    /**
     * A root all-of is read as its operands (each must hold), any other root as itself; the operands in the case form's
     * clinical order (gkb:formOrder of the first attribute each names), so the sentences read as a clinician asks.
     */
    private static List<Criterion> topLevel(Criterion root) {
        if (root == null) return List.of();
        if (!(root instanceof Criterion.AllOf a)) return List.of(root);
        List<Criterion> out = new ArrayList<>(a.operands());
        out.sort(Comparator.comparingInt(PlainExplanation::formOrder));
        return out;
    }

    private static int formOrder(Criterion n) {
        if (n instanceof Criterion.AttributeTest t) {
            CaseAttribute asked = t.attribute().derived() ? t.attribute().rule().from() : t.attribute();
            return asked.formOrder() != null ? asked.formOrder() : Integer.MAX_VALUE;
        }
        List<Criterion> below = n instanceof Criterion.AllOf x ? x.operands() : n instanceof Criterion.AnyOf x ? x.operands()
                : n instanceof Criterion.Not x ? List.of(x.operand()) : n instanceof Criterion.Judgement x ? x.factors() : List.of();
        int min = Integer.MAX_VALUE;
        for (Criterion c : below) min = Math.min(min, formOrder(c));
        return min;
    }

    private static String outcome(Tri t) {
        return switch (t) {
            case TRUE -> "met";
            case FALSE -> "not met";
            case UNKNOWN -> "undecided";
        };
    }

    /** One criterion in words, its outcome at the end. */
    private static String clause(Criterion n, StatementResult r, PatientCase c, Concepts k) {
        Tri t = r.outcome(n);
        if (n instanceof Criterion.AttributeTest a) return attribute(a, t, c, k);
        if (n instanceof Criterion.AnyOf a) return "one of: " + joined(a.operands(), "; or ", r, c, k) + " (" + outcome(t) + ")";
        if (n instanceof Criterion.AllOf a) return "all of: " + joined(a.operands(), "; and ", r, c, k) + " (" + outcome(t) + ")";
        if (n instanceof Criterion.Not x) return "this must not hold: " + clause(x.operand(), r, c, k) + " (" + outcome(t) + ")";
        if (n instanceof Criterion.Judgement j) {
            String what = "needs clinician judgement: " + (j.label() != null ? ClinicalWords.lower(j.label()) : "a condition the source gives no rule for");
            return j.factors().isEmpty() ? what : what + " (features the source lists: " + joined(j.factors(), "; ", r, c, k) + ")";
        }
        return (n.label() != null ? ClinicalWords.lower(n.label()) : "a condition")
                + " cannot be checked automatically as the knowledge base encodes it (undecided)";
    }

    private static String joined(List<Criterion> ns, String sep, StatementResult r, PatientCase c, Concepts k) {
        List<String> out = new ArrayList<>();
        for (Criterion n : ns) out.add(clause(n, r, c, k));
        return String.join(sep, out);
    }

    private static String attribute(Criterion.AttributeTest a, Tri t, PatientCase c, Concepts k) {
        CaseAttribute attr = a.attribute();
        StringBuilder sb = new StringBuilder(ClinicalWords.inSentence(attr)).append(": ").append(ClinicalWords.caseValue(attr, c));
        if (attr.derived() && c.known(attr.index())) {
            CaseAttribute from = attr.rule().from();
            sb.append(" (from ").append(ClinicalWords.inSentence(from)).append(": ").append(ClinicalWords.caseValue(from, c)).append(')');
        }
        sb.append(" — needed: ").append(ClinicalWords.requirement(a, k));
        if (t != Tri.UNKNOWN) sb.append(" (").append(outcome(t)).append(')');
        return sb.toString();
    }

    /**
     * The data that would decide an undecided criterion. Under an undecided all-of no operand failed and under an
     * undecided any-of none was met, so only the undecided operands are named; alternatives stay one entry.
     */
    private static String needed(Criterion n, StatementResult r) {
        if (n instanceof Criterion.AttributeTest a) {
            CaseAttribute decides = a.attribute().derived() ? a.attribute().rule().from() : a.attribute();
            return ClinicalWords.inSentence(decides);
        }
        if (n instanceof Criterion.Not x) return needed(x.operand(), r);
        if (n instanceof Criterion.Judgement j) {
            return "clinician judgement: " + (j.label() != null ? ClinicalWords.lower(j.label()) : "a condition the source gives no rule for");
        }
        if (n instanceof Criterion.AnyOf a) return group(a.operands(), r, "one of: ", ", or ");
        if (n instanceof Criterion.AllOf a) return group(a.operands(), r, "all of: ", ", and ");
        return "a condition that cannot be checked automatically as the knowledge base encodes it";
    }

    private static String group(List<Criterion> operands, StatementResult r, String lead, String sep) {
        Set<String> parts = new LinkedHashSet<>();
        for (Criterion o : operands) {
            if (r.outcome(o) == Tri.UNKNOWN) parts.add(needed(o, r));
        }
        return parts.size() == 1 ? parts.iterator().next() : lead + String.join(sep, parts);
    }
}
