package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.reasoner.CompiledVersion;
import org.guidelinekb.reasoner.Criterion;
import org.guidelinekb.reasoner.Evaluation;
import org.guidelinekb.reasoner.EvaluationJson;
import org.guidelinekb.reasoner.PatientCase;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.reasoner.ReasonerIndex;
import org.guidelinekb.reasoner.StatementResult;
import org.guidelinekb.reasoner.Status;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the reasoner (in process, on one index) for a case read from FHIR, and keeps open lists honest.
 *
 * <p>An open list ("at least these metastatic sites": coded conditions need not code every site) is not something
 * the reasoner's case can say. For a statement whose criteria read an open list:
 * <ol>
 * <li>it is evaluated with the list unknown; a decided status there holds for every completion of the list;</li>
 * <li>else, when the criteria read the list only through monotone tests ({@code includes}, {@code present}; no
 *     negation, no derived attribute such as bone-only), the cases "exactly the values found" and "every possible
 *     value" bound every completion, so where both give the same status that status holds;</li>
 * <li>otherwise the statement is undetermined, and the reasoner names what is missing.</li>
 * </ol>
 */
final class CaseEvaluator {
    private CaseEvaluator() {}

    static List<StatementVerdict> evaluate(ReasonerIndex ix, List<VersionPolicy.Selection> selections, MappedCase mc) {
        Set<String> open = mc.openLists().keySet();
        PatientCase closed = patientCase(mc.closedCase(), ix);
        PatientCase widest = open.isEmpty() ? null : patientCase(mc.widestCase(ix.attributes()), ix);
        PatientCase unknown = open.isEmpty() ? null : patientCase(mc.withoutOpenLists(), ix);
        String listNote = open.isEmpty() ? null : String.join(", ", open) + " lists only what the record codes (at least "
                + mc.openLists() + ")";
        List<StatementVerdict> out = new ArrayList<>();
        for (VersionPolicy.Selection sel : selections) {
            CompiledVersion cv = ix.version(sel.version());
            Evaluation eClosed = Reasoner.evaluate(ix, sel.version(), closed);
            Map<String, StatementResult> eWide = null;
            Map<String, StatementResult> eUnknown = null;
            for (StatementResult r : eClosed.results()) {
                String iri = r.statement().iri();
                if (sel.onlyStatements() != null && !sel.onlyStatements().contains(iri)) continue;
                StatementResult shown = r;
                PatientCase shownCase = closed;
                String openNote = null;
                Criterion root = r.statement().criteria();
                if (!open.isEmpty() && reads(root, open)) {
                    if (eUnknown == null) eUnknown = byIri(Reasoner.evaluate(ix, sel.version(), unknown));
                    StatementResult u = eUnknown.get(iri);
                    if (u.status() != Status.UNDETERMINED) {
                        shown = u;
                        shownCase = unknown;
                        openNote = listNote + "; the outcome does not depend on the sites not coded";
                    } else {
                        if (eWide == null) eWide = byIri(Reasoner.evaluate(ix, sel.version(), widest));
                        if (monotone(root, open) && eWide.get(iri).status() == r.status()) {
                            openNote = listNote + "; the outcome is the same whatever other values it has";
                        } else {
                            shown = u;
                            shownCase = unknown;
                            openNote = listNote + "; other values could change the outcome, so it is undetermined";
                        }
                    }
                }
                ObjectNode explanation = (ObjectNode) EvaluationJson.of(new Evaluation(List.of(cv), shownCase, List.of(shown)))
                        .get("recommendations").get(0);
                out.add(new StatementVerdict(sel.version(), shown.statement(), shown.status(), shown.missing(), explanation,
                        sel.selectedBy(), sel.fallback(), openNote));
            }
        }
        // applicable first, then undetermined, then not applicable (stable within each)
        List<StatementVerdict> ordered = new ArrayList<>(out.size());
        for (Status st : Status.values()) {
            for (StatementVerdict v : out) {
                if (v.status() == st) ordered.add(v);
            }
        }
        return ordered;
    }

    private static PatientCase patientCase(ObjectNode json, ReasonerIndex ix) {
        try {
            return PatientCase.of(json, ix.attributes());
        } catch (InvalidInputException e) {
            // the mapping produced a value the case attributes do not allow: a bug in the mapping file, not the client's fault
            throw new IllegalStateException("the FHIR mapping produced an invalid case " + json + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, StatementResult> byIri(Evaluation e) {
        Map<String, StatementResult> m = new HashMap<>();
        for (StatementResult r : e.results()) m.put(r.statement().iri(), r);
        return m;
    }

    /** Whether the tree reads one of the attributes, directly or through a derived attribute. */
    static boolean reads(Criterion c, Set<String> attributes) {
        if (c == null) return false;
        if (c instanceof Criterion.AttributeTest a) {
            return attributes.contains(a.attribute().name()) || (a.attribute().derived() && attributes.contains(a.attribute().rule().from().name()));
        }
        for (Criterion k : children(c)) {
            if (reads(k, attributes)) return true;
        }
        return false;
    }

    /** Whether the tree reads the attributes only through tests that can only turn true as a list grows. */
    static boolean monotone(Criterion c, Set<String> attributes) {
        if (c == null) return true;
        if (c instanceof Criterion.Not n) return !reads(n.operand(), attributes);
        if (c instanceof Criterion.AttributeTest a) {
            if (a.attribute().derived()) return !attributes.contains(a.attribute().rule().from().name());
            if (!attributes.contains(a.attribute().name())) return true;
            return a.condition() == org.guidelinekb.reasoner.Condition.INCLUDES || a.condition() == org.guidelinekb.reasoner.Condition.PRESENT;
        }
        for (Criterion k : children(c)) {
            if (!monotone(k, attributes)) return false;
        }
        return true;
    }

    private static List<Criterion> children(Criterion c) {
        if (c instanceof Criterion.AllOf a) return a.operands();
        if (c instanceof Criterion.AnyOf a) return a.operands();
        if (c instanceof Criterion.Not n) return List.of(n.operand());
        if (c instanceof Criterion.Judgement j) return j.factors();
        return List.of();
    }

    /** The attribute names a set of verdicts lacks (data a client could send), in first-seen order. */
    static Set<String> missingAttributes(List<StatementVerdict> verdicts) {
        Set<String> out = new LinkedHashSet<>();
        for (StatementVerdict v : verdicts) {
            for (String m : v.missing()) {
                if (!m.contains(":")) out.add(m);
            }
        }
        return out;
    }
}
