package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The criteria of one compiled version as flat arrays, built once when the version is compiled, so that evaluating it
 * walks contiguous memory instead of following the criteria trees' objects. The distinct attribute tests of the
 * version (far fewer than its attribute-test nodes) are evaluated once per case; every attribute-test node
 * copies its test's outcome; the other nodes come in post-order (operands before the node that combines them) and
 * fold their operands' outcome codes bitwise (Kleene's logic on the codes of {@link Tri}). Every node's outcome code
 * goes where {@link Criterion#eval} writes it: slot {@code c.slot()} of the statement's run, which starts at
 * {@link #base(int)} within the version's {@link #slots()}. The trees stay the model (explanations, {@code missing});
 * this is only their faster evaluation, with the same logic.
 */
public final class VersionProgram {
    // conditions as test operands (a switch on an int, not on the enum)
    private static final int EQUALS = 0;
    private static final int IN = 1;
    private static final int AT_LEAST = 2;
    private static final int AT_MOST = 3;
    private static final int PRESENT = 4;
    private static final int INCLUDES = 5;
    // how a combining node folds its operands' outcome codes (Tri: bit 1 = can be true, bit 2 = can be false): the
    // bits kept from the AND of the codes, from their OR (shifted by 2), and whether the result's bits swap (NOT)
    private static final int ALL_OF = Tri.TRUE_CODE | Tri.FALSE_CODE << 2;   // true if all can be, false if any can be
    private static final int ANY_OF = Tri.FALSE_CODE | Tri.TRUE_CODE << 2;   // false if all can be, true if any can be
    private static final int SWAP = 16;
    private static final int NOT = Tri.UNKNOWN_CODE | SWAP;                  // the operand's code, bits swapped
    private static final int UNKNOWN = Tri.UNKNOWN_CODE;                      // no operand: always unknown
    private static final byte[] STATUS_BY_CODE = {-1, (byte) Status.APPLICABLE.ordinal(), (byte) Status.NOT_APPLICABLE.ordinal(),
            (byte) Status.UNDETERMINED.ordinal()};
    private static final byte NO_CRITERIA = (byte) Status.APPLICABLE.ordinal(); // a statement without criteria applies

    private final int[] tests;     // the distinct attribute tests: attribute, condition, list flag, count, values...
    private final int testCount;
    private final int[] leafSlot;  // per attribute-test node: its slot in the version
    private final int[] leafTest;  // per attribute-test node: the number of its test
    private final int[] code;      // the other nodes, every statement's in post-order: slot, operand count, fold, operand slots...
    private final int[] root;      // per statement: its root's slot in the version, -1 without criteria
    private final int[] base;      // per statement: where its run of slots starts in the version
    private final int slots;
    private final int[] walk;      // per node in pre-order: slot in the version, index after its subtree, name or -1
    private final int[] walkEnd;   // per statement: where its nodes end in walk
    private final String[] names;  // what a node names when it is missing
    private final List<String>[] single; // per name: the list of that name alone

    private VersionProgram(int[] tests, int testCount, int[] leafSlot, int[] leafTest, int[] code, int[] root, int[] base,
                           int slots, int[] walk, int[] walkEnd, String[] names) {
        this.tests = tests;
        this.testCount = testCount;
        this.leafSlot = leafSlot;
        this.leafTest = leafTest;
        this.code = code;
        this.root = root;
        this.base = base;
        this.slots = slots;
        this.walk = walk;
        this.walkEnd = walkEnd;
        this.names = names;
        @SuppressWarnings("unchecked")
        List<String>[] one = new List[names.length];
        for (int i = 0; i < names.length; i++) one[i] = List.of(names[i]);
        this.single = one;
    }

    static VersionProgram of(List<CompiledStatement> statements) {
        int n = statements.size();
        Builder b = new Builder();
        int[] root = new int[n];
        int[] base = new int[n];
        IntBuffer walk = new IntBuffer();
        int[] walkEnd = new int[n];
        java.util.Map<String, Integer> nameIndex = new java.util.HashMap<>();
        List<String> names = new java.util.ArrayList<>();
        int at = 0;
        for (int k = 0; k < n; k++) {
            CompiledStatement s = statements.get(k);
            base[k] = at;
            if (s.criteria() == null) {
                root[k] = -1;
            } else {
                b.emit(s.criteria(), at);
                root[k] = at + s.criteria().slot();
                walk(s.criteria(), at, walk, nameIndex, names);
            }
            walkEnd[k] = walk.size;
            at += s.slots();
        }
        return new VersionProgram(b.tests.toArray(), b.testIndex.size(), b.leafSlot.toArray(), b.leafTest.toArray(),
                b.code.toArray(), root, base, at, walk.toArray(), walkEnd, names.toArray(new String[0]));
    }

    /**
     * The nodes in pre-order for {@link #missing}: a leaf that can be missing (an attribute test, a judgement, an
     * unevaluable criterion) carries what it names; a judgement's factors are skipped, as the names say.
     */
    private static void walk(Criterion n, int at, IntBuffer out, java.util.Map<String, Integer> index, List<String> names) {
        int entry = out.size;
        out.add(at + n.slot()).add(0).add(-1);
        String name = null;
        if (n instanceof Criterion.AttributeTest a) {
            name = a.attribute().decidedBy();
        } else if (n instanceof Criterion.AllOf a) {
            for (Criterion o : a.operands()) walk(o, at, out, index, names);
        } else if (n instanceof Criterion.AnyOf a) {
            for (Criterion o : a.operands()) walk(o, at, out, index, names);
        } else if (n instanceof Criterion.Not x) {
            walk(x.operand(), at, out, index, names);
        } else if (n instanceof Criterion.Judgement j) {
            name = "judgement: " + (j.label() != null ? j.label() : j.key());
        } else if (n instanceof Criterion.Unevaluable u) {
            name = "unevaluable criterion: " + u.key() + " (" + u.problem() + ")";
        }
        out.a[entry + 1] = out.size;
        if (name != null) {
            out.a[entry + 2] = index.computeIfAbsent(name, x -> {
                names.add(x);
                return names.size() - 1;
            });
        }
    }

    /**
     * What could change statement {@code k}'s undecided outcome, each name once, in the order met: the unknown leaves
     * under unknown nodes. Under an undecided all-of no operand failed, and under an undecided any-of none was met, so
     * decided operands cannot change the outcome and are skipped; judgement criteria are named as such. {@code out}
     * holds the outcomes from {@code offset} as {@link #run} wrote them; {@code scratch} has room for
     * {@link #nameCount()} indexes. A list of one name is shared (immutable), made when the version was compiled.
     */
    List<String> missing(int k, byte[] out, int offset, int[] scratch) {
        int[] w = walk;
        int i = k == 0 ? 0 : walkEnd[k - 1];
        int stop = walkEnd[k];
        int found = 0;
        while (i < stop) {
            if (out[offset + w[i]] != Tri.UNKNOWN_CODE) {
                i = w[i + 1];
                continue;
            }
            int name = w[i + 2];
            if (name < 0) {
                i += 3;
                continue;
            }
            boolean seen = false;
            for (int j = 0; j < found && !seen; j++) seen = scratch[j] == name;
            if (!seen) scratch[found++] = name;
            i = w[i + 1];
        }
        if (found == 0) return List.of();
        if (found == 1) return single[scratch[0]];
        String[] list = new String[found];
        for (int j = 0; j < found; j++) list[j] = names[scratch[j]];
        return List.of(list);
    }

    /** How many distinct names {@link #missing} can return (the room its scratch array needs). */
    int nameCount() {
        return names.length;
    }

    /** The outcome slots of every statement together. */
    public int slots() {
        return slots;
    }

    /** Where statement {@code k}'s run of slots starts in the version. */
    int base(int k) {
        return base[k];
    }

    /**
     * Evaluates every statement of the version: each node's outcome code is written to {@code out} at {@code offset}
     * plus its version-relative slot. First each distinct attribute test once, then every attribute-test node from
     * those, then the combining nodes in post-order, each folding its operands' codes without a branch per operand.
     */
    void run(PatientCase c, byte[] out, int offset) {
        int[] t = tests;
        byte[] outcome = new byte[testCount];
        for (int i = 0, at = 0; i < outcome.length; i++) {
            int nv = t[at + 3];
            outcome[i] = test(c, t[at], t[at + 1], t[at + 2] != 0, t, at + 4, nv);
            at += 4 + nv;
        }
        int[] ls = leafSlot;
        int[] lt = leafTest;
        for (int i = 0; i < ls.length; i++) out[offset + ls[i]] = outcome[lt[i]];
        int[] p = code;
        int pc = 0;
        while (pc < p.length) {
            int slot = offset + p[pc];
            int no = p[pc + 1];
            int fold = p[pc + 2];
            int and = Tri.UNKNOWN_CODE;
            int or = 0;
            for (int i = pc + 3, stop = pc + 3 + no; i < stop; i++) {
                int x = out[offset + p[i]];
                and &= x;
                or |= x;
            }
            int r = (and & fold) | (or & (fold >> 2));
            int swapped = (r & Tri.TRUE_CODE) << 1 | (r & Tri.FALSE_CODE) >> 1;
            out[slot] = (byte) ((fold & SWAP) == 0 ? r : swapped);
            pc += 3 + no;
        }
    }

    /**
     * The status of every statement into {@code into} from {@code at}, as {@link Status} ordinals, read off the roots'
     * outcomes once {@link #run} has filled {@code out} from {@code offset}.
     */
    void statuses(byte[] out, int offset, byte[] into, int at) {
        int[] rs = root;
        for (int k = 0; k < rs.length; k++) {
            into[at + k] = rs[k] < 0 ? NO_CRITERIA : STATUS_BY_CODE[out[offset + rs[k]]];
        }
    }

    /** Builds the tests, leaves and combining code of a version, one statement after the other. */
    private static final class Builder {
        final IntBuffer tests = new IntBuffer();
        final java.util.Map<java.util.List<Integer>, Integer> testIndex = new java.util.HashMap<>();
        final IntBuffer leafSlot = new IntBuffer();
        final IntBuffer leafTest = new IntBuffer();
        final IntBuffer code = new IntBuffer();

        /** Emits a node and its operands (operands first), its slots offset by {@code at}. */
        void emit(Criterion n, int at) {
            if (n instanceof Criterion.AttributeTest a) {
                leafSlot.add(at + a.slot());
                leafTest.add(test(a));
            } else if (n instanceof Criterion.AllOf a) {
                combine(ALL_OF, a.slot(), a.operands(), at);
            } else if (n instanceof Criterion.AnyOf a) {
                combine(ANY_OF, a.slot(), a.operands(), at);
            } else if (n instanceof Criterion.Not x) {
                combine(NOT, x.slot(), List.of(x.operand()), at);
            } else if (n instanceof Criterion.Judgement j) {
                for (Criterion f : j.factors()) emit(f, at); // evaluated and reported, never combined
                combine(UNKNOWN, j.slot(), List.of(), at);
            } else if (n instanceof Criterion.Unevaluable u) {
                combine(UNKNOWN, u.slot(), List.of(), at);
            } else {
                throw new IllegalStateException("unknown criterion node " + n);
            }
        }

        private void combine(int fold, int slot, List<Criterion> operands, int at) {
            for (Criterion o : operands) emit(o, at);
            code.add(at + slot).add(operands.size()).add(fold);
            for (Criterion o : operands) code.add(at + o.slot());
        }

        /** The number of the test (attribute, condition, values), numbered in order of first use. */
        private int test(Criterion.AttributeTest a) {
            List<Integer> key = new java.util.ArrayList<>();
            key.add(a.attribute().index());
            key.add(condition(a.condition()));
            key.add(a.attribute().type() == AttributeType.CONCEPT_LIST ? 1 : 0);
            key.add(a.values().length);
            for (int v : a.values()) key.add(v);
            return testIndex.computeIfAbsent(key, k -> {
                k.forEach(tests::add);
                return testIndex.size();
            });
        }
    }

    private static int condition(Condition c) {
        return switch (c) {
            case EQUALS -> EQUALS;
            case IN -> IN;
            case AT_LEAST -> AT_LEAST;
            case AT_MOST -> AT_MOST;
            case PRESENT -> PRESENT;
            case INCLUDES -> INCLUDES;
        };
    }

    /** {@link Criterion.AttributeTest}'s comparison, on the values {@code p[from .. from + n)}. */
    private static byte test(PatientCase c, int attribute, int condition, boolean list, int[] p, int from, int n) {
        if (!c.known(attribute)) return Tri.UNKNOWN_CODE;
        int v = c.scalar(attribute);
        boolean met;
        switch (condition) {
            case EQUALS -> met = v == p[from];
            case IN -> {
                met = false;
                for (int i = from; i < from + n && !met; i++) met = v == p[i];
            }
            case AT_LEAST -> met = v >= p[from];
            case AT_MOST -> met = v <= p[from];
            case PRESENT -> met = !list || c.list(attribute).length > 0;
            case INCLUDES -> {
                Concepts concepts = c.attributes().concepts();
                if (!list) {
                    met = withinAny(concepts, v, p, from, n);
                } else {
                    met = false;
                    for (int caseValue : c.list(attribute)) {
                        if (withinAny(concepts, caseValue, p, from, n)) {
                            met = true;
                            break;
                        }
                    }
                }
            }
            default -> throw new IllegalStateException("unknown condition code " + condition);
        }
        return met ? Tri.TRUE_CODE : Tri.FALSE_CODE;
    }

    private static boolean withinAny(Concepts concepts, int caseValue, int[] p, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (concepts.within(caseValue, p[i])) return true;
        }
        return false;
    }

    /** A growable int array. */
    private static final class IntBuffer {
        int[] a = new int[64];
        int size;

        IntBuffer add(int v) {
            if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2);
            a[size++] = v;
            return this;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }
}
