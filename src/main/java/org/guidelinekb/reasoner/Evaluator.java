package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.error.NotFoundException;

/**
 * Evaluates a case against compiled versions: pure, in memory, no store access. One outcome array serves the whole
 * evaluation (each statement owns a run of it from its own offset) and is filled by each version's flat
 * {@link VersionProgram}; statuses follow from the roots' outcomes and order the results by one counting pass.
 */
final class Evaluator {
    private static final Status[] BY_RANK = Status.values();

    private Evaluator() {}

    /** Resolves the versions a request names, in guideline order; 404 when none matches. */
    static List<CompiledVersion> select(ReasonerIndex ix, EvaluationRequest req) {
        if (req.guideline() != null) return List.of(ix.version(ix.catalog().resolve(req.guideline(), req.selector())));
        List<VersionInfo> all = ix.resolveAll(req.selector());
        if (all.isEmpty()) {
            throw new NotFoundException(ix.catalog().guidelines().isEmpty() ? "the knowledge base holds no guideline"
                    : "no guideline has a " + req.selector());
        }
        List<CompiledVersion> out = new ArrayList<>(all.size());
        for (VersionInfo v : all) out.add(ix.version(v));
        return out;
    }

    /**
     * Every statement of the versions, applicable first, then undetermined, then not applicable, each group in
     * guideline and display order (a stable counting sort by status).
     */
    static Evaluation evaluate(List<CompiledVersion> versions, PatientCase c) {
        int n = 0;
        int slots = 0;
        for (CompiledVersion v : versions) {
            n += v.statements().size();
            slots += v.slots();
        }
        byte[] out = new byte[slots];
        StatementResult[] results = new StatementResult[n];
        int[] start = new int[BY_RANK.length + 1];
        List<String> scratch = new ArrayList<>();
        int k = 0;
        int base = 0;
        for (CompiledVersion v : versions) {
            VersionProgram p = v.program();
            p.run(c, out, base);
            List<CompiledStatement> statements = v.statements();
            for (int i = 0; i < statements.size(); i++) {
                CompiledStatement s = statements.get(i);
                Status st = p.status(i, out, base);
                int at = base + p.base(i);
                StatementResult r = st != Status.UNDETERMINED ? new StatementResult(s, st, out, at, List.of())
                        : new StatementResult(s, st, out, at, missing(p, i, out, base, scratch));
                results[k++] = r;
                start[st.ordinal() + 1]++;
            }
            base += p.slots();
        }
        for (int i = 1; i < start.length; i++) start[i] += start[i - 1];
        StatementResult[] ordered = new StatementResult[n];
        for (StatementResult r : results) ordered[start[r.status().ordinal()]++] = r;
        return new Evaluation(versions, c, Collections.unmodifiableList(Arrays.asList(ordered)));
    }

    /** The names of what is missing for an undetermined statement ({@link VersionProgram#missing}). */
    private static List<String> missing(VersionProgram p, int k, byte[] out, int versionBase, List<String> scratch) {
        scratch.clear();
        p.missing(k, out, versionBase, scratch);
        return List.copyOf(scratch);
    }
}
