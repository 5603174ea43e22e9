package org.guidelinekb.reasoner;

import java.util.Arrays;

/**
 * The statuses of a version's statements without their inner nodes: a statement whose root depends on at most
 * {@link #MAX_TESTS} distinct tests has a table of its root's outcome code for each of the 3^n combinations of those
 * tests' codes (test i's code less 1 is digit i, in base 3), computed (on a version's first statuses-alone run) by
 * {@link CombiningNodes#fold} itself, so the table and the fold cannot disagree. Evaluating such a statement reads
 * its tests' codes and one table entry; the other statements fold their nodes. Only the roots are written: this is
 * for statuses alone ({@link Reasoner#statuses}); an evaluation that explains every node runs the whole fold.
 * Immutable.
 */
final class StatusTables {
    static final int MAX_TESTS = 5; // at most 3^5 = 243 bytes a statement

    private final int[] rootSlot;   // per statement with a table: its root's slot
    private final int[] tableAt;    // where its table starts in tables, less Σ 3^i: the codes 1..3 then index it as they are
    private final int[] testsEnd;   // where its tests end in testSlots (they start where the one before's end)
    private final int[] testSlots;  // its tests' slots, digit 0 first
    private final byte[] tables;
    private final CombiningNodes nodes;
    private final int[] foldFrom;   // the combining nodes of the statements without a table, as ranges
    private final int[] foldTo;

    private StatusTables(CombiningNodes nodes, int[] rootSlot, int[] tableAt, int[] testsEnd, int[] testSlots, byte[] tables, int[] foldFrom, int[] foldTo) {
        this.rootSlot = rootSlot;
        this.tableAt = tableAt;
        this.testsEnd = testsEnd;
        this.testSlots = testSlots;
        this.tables = tables;
        this.nodes = nodes;
        this.foldFrom = foldFrom;
        this.foldTo = foldTo;
    }

    /**
     * Builds the tables of a version: its nodes, each statement's root slot (-1 without criteria) and where its nodes
     * end (they start where the statement before's end); the tests' outcomes start at slot {@code testsStart} of the
     * version's {@code slots}.
     */
    static StatusTables of(CombiningNodes nodes, int[] root, int[] nodesEnd, int testsStart, int slots) {
        IntBuffer rootSlot = new IntBuffer();
        IntBuffer tableAt = new IntBuffer();
        IntBuffer testsEnd = new IntBuffer();
        IntBuffer testSlots = new IntBuffer();
        IntBuffer foldFrom = new IntBuffer();
        IntBuffer foldTo = new IntBuffer();
        byte[] tables = new byte[64];
        int size = 0;
        byte[] scratch = new byte[slots];
        int[] mine = new int[MAX_TESTS];
        for (int k = 0; k < root.length; k++) {
            int fromNode = k == 0 ? 0 : nodesEnd[k - 1];
            int toNode = nodesEnd[k];
            if (root[k] < 0 || root[k] >= testsStart) continue; // no criteria, or one test: the root is the test's slot
            int n = nodes.testSlotsUnder(root[k], fromNode, toNode, testsStart, mine);
            if (n < 0) {
                if (foldTo.size > 0 && foldTo.a[foldTo.size - 1] == fromNode) {
                    foldTo.a[foldTo.size - 1] = toNode;
                } else {
                    foldFrom.add(fromNode);
                    foldTo.add(toNode);
                }
                continue;
            }
            int combinations = 1;
            int allOnes = 0; // the index when every code is 1: Σ 3^i
            for (int i = 0; i < n; i++) {
                allOnes += combinations;
                combinations *= 3;
            }
            if (size + combinations > tables.length) tables = Arrays.copyOf(tables, Math.max(tables.length * 2, size + combinations));
            for (int index = 0; index < combinations; index++) {
                for (int i = 0, rest = index; i < n; i++, rest /= 3) scratch[mine[i]] = (byte) (rest % 3 + 1);
                nodes.fold(scratch, 0, fromNode, toNode);
                tables[size + index] = scratch[root[k]];
            }
            rootSlot.add(root[k]);
            tableAt.add(size - allOnes);
            for (int i = 0; i < n; i++) testSlots.add(mine[i]);
            testsEnd.add(testSlots.size);
            size += combinations;
        }
        return new StatusTables(nodes, rootSlot.toArray(), tableAt.toArray(), testsEnd.toArray(), testSlots.toArray(), Arrays.copyOf(tables, size),
                foldFrom.toArray(), foldTo.toArray());
    }

    /** Writes every statement's root outcome code into {@code out} from {@code offset}, the tests' codes being there. */
    void run(byte[] out, int offset) {
        int[] ts = testSlots;
        int[] end = testsEnd;
        for (int s = 0, i = 0; s < rootSlot.length; s++) {
            int index = tableAt[s];
            for (int stop = end[s], f = 1; i < stop; i++, f *= 3) index += out[offset + ts[i]] * f;
            out[offset + rootSlot[s]] = tables[index];
        }
        for (int r = 0; r < foldFrom.length; r++) nodes.fold(out, offset, foldFrom[r], foldTo[r]);
    }
}
