package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
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
        if (VersionSelector.CURRENT.equals(req.selector())) {
            List<CompiledVersion> current = ix.currentVersions();
            if (!current.isEmpty()) return current;
        }
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
        int names = 0;
        for (CompiledVersion v : versions) {
            n += v.statements().size();
            slots += v.slots();
            names = Math.max(names, v.program().nameCount());
        }
        byte[] out = new byte[slots];
        byte[] status = run(versions, c, out, n, true);
        int[] start = new int[BY_RANK.length + 1]; // where each status's results start: a stable counting sort
        for (byte s : status) start[s + 1]++;
        for (int i = 1; i < start.length; i++) start[i] += start[i - 1];
        StatementResult[] ordered = new StatementResult[n];
        int[] scratch = new int[names];
        int k = 0;
        int base = 0;
        for (CompiledVersion v : versions) {
            VersionProgram p = v.program();
            List<CompiledStatement> statements = v.statements();
            for (int i = 0; i < statements.size(); i++, k++) {
                Status st = BY_RANK[status[k]];
                List<String> missing = st == Status.UNDETERMINED ? p.missing(i, out, base, scratch) : List.of();
                ordered[start[st.ordinal()]++] = new StatementResult(statements.get(i), st, out, base + p.base(i), missing);
            }
            base += p.slots();
        }
        return new Evaluation(versions, c, Collections.unmodifiableList(Arrays.asList(ordered)));
    }

    /**
     * The statuses alone: the same programs run for the statements' roots only (each distinct test, then a status
     * table entry or the fold of a statement's nodes; no copies into the attribute-test nodes' slots), no result
     * objects, nothing about what is missing; {@link Statuses} reads each status off its statement's root when asked.
     */
    static Statuses statuses(List<CompiledVersion> versions, PatientCase c) {
        int slots = 0;
        for (int i = 0; i < versions.size(); i++) slots += versions.get(i).program().slots();
        byte[] out = new byte[slots];
        for (int i = 0, base = 0; i < versions.size(); i++) {
            VersionProgram p = versions.get(i).program();
            p.run(c, out, base, false);
            base += p.slots();
        }
        return new Statuses(versions, out);
    }

    /**
     * Runs every version's program into {@code out} (each from the end of the one before) and returns the status of
     * each of the {@code n} statements, as {@link Status} ordinals in version and display order; {@code leaves}: every
     * attribute-test node's outcome too (what a full evaluation's explanations read), not only the combining nodes'.
     */
    static byte[] run(List<CompiledVersion> versions, PatientCase c, byte[] out, int n, boolean leaves) {
        byte[] status = new byte[n];
        int k = 0;
        int base = 0;
        for (int i = 0; i < versions.size(); i++) {
            VersionProgram p = versions.get(i).program();
            p.run(c, out, base, leaves);
            p.statuses(out, base, status, k);
            k += p.statementCount();
            base += p.slots();
        }
        return status;
    }
}
