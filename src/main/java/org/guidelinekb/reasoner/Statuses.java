package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The status alone of every statement of the versions a case was evaluated against, in guideline and display order:
 * what a caller that only decides (for example a CQL engine's peer, one true / false / null per statement) needs,
 * without the per-criterion outcomes, the missing attributes or result objects of a full {@link Evaluation}. The
 * statuses equal the full evaluation's ({@code StatusesTest}). Immutable.
 */
public final class Statuses {
    private static final Status[] BY_RANK = Status.values();

    private final List<CompiledVersion> evaluatedAgainst;
    private final byte[] out; // the outcome codes of every version's nodes, version after version (VersionProgram#run)

    Statuses(List<CompiledVersion> evaluatedAgainst, byte[] out) {
        this.evaluatedAgainst = evaluatedAgainst;
        this.out = out;
    }

    public List<CompiledVersion> evaluatedAgainst() {
        return evaluatedAgainst;
    }

    /** How many statements: every statement of every version evaluated. */
    public int size() {
        int n = 0;
        for (CompiledVersion v : evaluatedAgainst) n += v.program().statementCount();
        return n;
    }

    /** The status of the {@code k}-th statement (version after version, each in display order). */
    public Status status(int k) {
        int base = 0;
        int i = k;
        for (CompiledVersion v : evaluatedAgainst) {
            VersionProgram p = v.program();
            if (i < p.statementCount()) return BY_RANK[p.status(i, out, base)];
            i -= p.statementCount();
            base += p.slots();
        }
        throw new IndexOutOfBoundsException("no statement " + k + " among " + size());
    }

    /** How many statements have that status. */
    public int count(Status s) {
        int n = 0;
        int base = 0;
        for (CompiledVersion v : evaluatedAgainst) {
            VersionProgram p = v.program();
            for (int k = 0; k < p.statementCount(); k++) {
                if (p.status(k, out, base) == s.ordinal()) n++;
            }
            base += p.slots();
        }
        return n;
    }

    /** The {@code k}-th statement (the same order as {@link #status(int)}). */
    public CompiledStatement statement(int k) {
        int i = k;
        for (CompiledVersion v : evaluatedAgainst) {
            if (i < v.statements().size()) return v.statements().get(i);
            i -= v.statements().size();
        }
        throw new IndexOutOfBoundsException("no statement " + k + " among " + size());
    }
}
