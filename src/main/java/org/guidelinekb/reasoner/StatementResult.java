package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The result for one statement: its status, the outcome of every criterion node and the attributes whose value could
 * change the outcome. The outcomes are the run of an evaluation's shared outcome array that starts at {@code base}
 * (node {@code c} at {@code base + c.slot()}).
 *
 * @param missing the names of unknown attributes under the undecided part of the tree, then judgement criteria as
 *                {@code "judgement: <label>"}; empty unless the status is undetermined
 */
public record StatementResult(CompiledStatement statement, Status status, byte[] outcomes, int base, List<String> missing) {

    /** The outcome of one node of this statement's criteria. */
    public Tri outcome(Criterion c) {
        return Tri.ofCode(outcomes[base + c.slot()]);
    }
}
