package org.guidelinekb.reasoner;

/**
 * The combining nodes of a compiled version (all-of, any-of, not, judgement, unevaluable), every statement's in
 * post-order (operands before the node that combines them), as flat arrays: each node's slot, how it folds and where
 * its operands' slots end in one operand array (they start where the node before's end), so that no node's place
 * depends on a value read for the node before. A node folds its operands' outcome codes bitwise: Kleene's logic on the
 * codes of {@link Tri}, without a branch per operand. Immutable.
 */
final class CombiningNodes {
    // how a node folds its operands' outcome codes (Tri: bit 1 = can be true, bit 2 = can be false): the bits kept
    // from the AND of the codes, from their OR (shifted by 2), and whether the result's bits swap (NOT)
    static final int ALL_OF = Tri.TRUE_CODE | Tri.FALSE_CODE << 2;   // true if all can be, false if any can be
    static final int ANY_OF = Tri.FALSE_CODE | Tri.TRUE_CODE << 2;   // false if all can be, true if any can be
    private static final int SWAP = 16;
    static final int NOT = Tri.UNKNOWN_CODE | SWAP;                  // the operand's code, bits swapped
    static final int UNKNOWN = Tri.UNKNOWN_CODE;                      // no operand: always unknown

    private final int[] slot;
    private final int[] fold;
    private final int[] opsEnd;
    private final int[] ops;

    /** From the builder's code: per node its slot, operand count, fold, operand slots. */
    CombiningNodes(int[] code) {
        int nodes = 0;
        for (int pc = 0; pc < code.length; pc += 3 + code[pc + 1]) nodes++;
        slot = new int[nodes];
        fold = new int[nodes];
        opsEnd = new int[nodes];
        ops = new int[code.length - 3 * nodes];
        for (int pc = 0, j = 0, o = 0; pc < code.length; pc += 3 + code[pc + 1], j++) {
            slot[j] = code[pc];
            fold[j] = code[pc + 2];
            for (int i = 0; i < code[pc + 1]; i++) ops[o++] = code[pc + 3 + i];
            opsEnd[j] = o;
        }
    }

    /** How many nodes. */
    int count() {
        return slot.length;
    }

    /** Folds the nodes {@code [from, to)}: each one's operands' codes (in {@code out} from {@code offset}) into its own. */
    void fold(byte[] out, int offset, int from, int to) {
        int[] s = slot;
        int[] folds = fold;
        int[] end = opsEnd;
        int[] o = ops;
        for (int j = from, i = from == 0 ? 0 : end[from - 1]; j < to; j++) {
            int and = Tri.UNKNOWN_CODE;
            int or = 0;
            for (int stop = end[j]; i < stop; i++) {
                int x = out[offset + o[i]];
                and &= x;
                or |= x;
            }
            int f = folds[j];
            int r = (and & f) | (or & (f >> 2));
            int swapped = (r & Tri.TRUE_CODE) << 1 | (r & Tri.FALSE_CODE) >> 1;
            out[offset + s[j]] = (byte) ((f & SWAP) == 0 ? r : swapped);
        }
    }

    /**
     * The distinct test slots (at or after {@code testsStart}) that the outcome of the node at {@code rootSlot}, one of
     * the nodes {@code [from, to)}, depends on: its operands' and theirs, down to the tests (a judgement's factors are
     * not operands, so not among them). Into {@code into}; how many, or -1 when more than {@code into} holds.
     */
    int testSlotsUnder(int rootSlot, int from, int to, int testsStart, int[] into) {
        int n = 0;
        int[] stack = new int[to - from]; // a statement's nodes form a tree: each is visited once
        int sp = 0;
        stack[sp++] = node(rootSlot, from, to);
        while (sp > 0) {
            int j = stack[--sp];
            for (int i = j == 0 ? 0 : opsEnd[j - 1]; i < opsEnd[j]; i++) {
                int s = ops[i];
                if (s < testsStart) {
                    stack[sp++] = node(s, from, to);
                    continue;
                }
                boolean seen = false;
                for (int k = 0; k < n; k++) seen |= into[k] == s;
                if (seen) continue;
                if (n == into.length) return -1;
                into[n++] = s;
            }
        }
        return n;
    }

    private int node(int s, int from, int to) {
        for (int j = from; j < to; j++) {
            if (slot[j] == s) return j;
        }
        throw new IllegalStateException("no node of slot " + s + " among nodes " + from + ".." + to);
    }
}
