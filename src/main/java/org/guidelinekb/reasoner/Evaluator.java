package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.error.NotFoundException;

/**
 * Evaluates a case against compiled versions: pure, in memory, no store access. Per statement one small outcome
 * array is filled by the criteria tree; statuses follow from the root's outcome.
 */
final class Evaluator {
    private static final Status[] BY_RANK = Status.values();

    private Evaluator() {}

    /** Resolves the versions a request names, in guideline order; 404 when none matches. */
    static List<CompiledVersion> select(ReasonerIndex ix, EvaluationRequest req) {
        if (req.guideline() != null) return List.of(ix.version(ix.catalog().resolve(req.guideline(), req.selector())));
        List<VersionInfo> all = ix.catalog().resolveAll(req.selector());
        if (all.isEmpty()) {
            throw new NotFoundException(ix.catalog().guidelines().isEmpty() ? "the knowledge base holds no guideline"
                    : "no guideline has a " + req.selector());
        }
        List<CompiledVersion> out = new ArrayList<>(all.size());
        for (VersionInfo v : all) out.add(ix.version(v));
        return out;
    }

    static Evaluation evaluate(List<CompiledVersion> versions, PatientCase c) {
        int n = 0;
        for (CompiledVersion v : versions) n += v.statements().size();
        StatementResult[] results = new StatementResult[n];
        int k = 0;
        for (CompiledVersion v : versions) {
            for (CompiledStatement s : v.statements()) results[k++] = evaluate(s, c);
        }
        List<StatementResult> ordered = new ArrayList<>(n);
        for (Status st : BY_RANK) {
            for (StatementResult r : results) {
                if (r.status() == st) ordered.add(r);
            }
        }
        return new Evaluation(versions, c, ordered);
    }

    static StatementResult evaluate(CompiledStatement s, PatientCase c) {
        byte[] out = new byte[s.slots()];
        if (s.criteria() == null) return new StatementResult(s, Status.APPLICABLE, out, List.of());
        Tri t = s.criteria().eval(c, out);
        if (t != Tri.UNKNOWN) return new StatementResult(s, Status.of(t), out, List.of());
        Set<String> missing = new LinkedHashSet<>();
        missing(s.criteria(), out, missing);
        return new StatementResult(s, Status.UNDETERMINED, out, List.copyOf(missing));
    }

    /**
     * The attributes that could change an UNKNOWN node's outcome: the unknown leaves under it. Under an undecided
     * all-of no operand failed, and under an undecided any-of none was met, so the decided operands cannot change the
     * outcome and are skipped; judgement criteria are named as such.
     */
    private static void missing(Criterion n, byte[] out, Set<String> acc) {
        if (Tri.ofCode(out[n.slot()]) != Tri.UNKNOWN) return;
        if (n instanceof Criterion.AttributeTest a) acc.add(a.attribute().decidedBy());
        else if (n instanceof Criterion.AllOf a) a.operands().forEach(o -> missing(o, out, acc));
        else if (n instanceof Criterion.AnyOf a) a.operands().forEach(o -> missing(o, out, acc));
        else if (n instanceof Criterion.Not x) missing(x.operand(), out, acc);
        else if (n instanceof Criterion.Judgement j) acc.add("judgement: " + (j.label() != null ? j.label() : j.key()));
        else if (n instanceof Criterion.Unevaluable u) acc.add("unevaluable criterion: " + u.key() + " (" + u.problem() + ")");
    }
}
