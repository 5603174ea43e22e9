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
    private final byte[] status; // Status ordinals, version after version, each in display order

    Statuses(List<CompiledVersion> evaluatedAgainst, byte[] status) {
        this.evaluatedAgainst = evaluatedAgainst;
        this.status = status;
    }

    public List<CompiledVersion> evaluatedAgainst() {
        return evaluatedAgainst;
    }

    /** How many statements: every statement of every version evaluated. */
    public int size() {
        return status.length;
    }

    /** The status of the {@code k}-th statement (version after version, each in display order). */
    public Status status(int k) {
        return BY_RANK[status[k]];
    }

    /** How many statements have that status. */
    public int count(Status s) {
        int n = 0;
        for (byte b : status) {
            if (b == s.ordinal()) n++;
        }
        return n;
    }

    /** The {@code k}-th statement (the same order as {@link #status(int)}). */
    public CompiledStatement statement(int k) {
        for (CompiledVersion v : evaluatedAgainst) {
            if (k < v.statements().size()) return v.statements().get(k);
            k -= v.statements().size();
        }
        throw new IndexOutOfBoundsException("no statement " + k + " among " + status.length);
    }
}
