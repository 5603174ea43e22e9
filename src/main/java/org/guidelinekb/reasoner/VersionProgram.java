package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The criteria of one compiled version as flat arrays, built once when the version is compiled, so that evaluating it
 * walks contiguous memory instead of following the criteria trees' objects. The distinct attribute tests of the
 * version (far fewer than its attribute-test nodes, {@link AttributeTests}) are evaluated once per case into the slots
 * after the statements'; every attribute-test node copies its test's outcome; the other nodes come in post-order
 * (operands before the node that combines them) and fold their operands' outcome codes bitwise (Kleene's logic on the
 * codes of {@link Tri}). Every node's outcome code goes where {@link Criterion#eval} writes it: slot {@code c.slot()}
 * of the statement's run, which starts at {@link #base(int)} within the version's {@link #slots()}. For the statuses
 * alone, {@link StatusTables} gives the roots' outcomes without the inner nodes. The trees stay the model
 * (explanations, {@code missing}); this is only their faster evaluation, with the same logic.
 */
public final class VersionProgram {
    private static final byte[] STATUS_BY_CODE = {-1, (byte) Status.APPLICABLE.ordinal(), (byte) Status.NOT_APPLICABLE.ordinal(),
            (byte) Status.UNDETERMINED.ordinal()};
    private static final byte NO_CRITERIA = (byte) Status.APPLICABLE.ordinal(); // a statement without criteria applies

    private final AttributeTests tests; // the distinct attribute tests
    private final int[] leafSlot;  // per attribute-test node: its slot in the version
    private final int[] leafTest;  // per attribute-test node: the number of its test
    private final CombiningNodes nodes; // the other nodes, every statement's in post-order
    private final int[] root;      // per statement: its root's slot in the version, -1 without criteria
    private final int[] nodesEnd;  // per statement: where its combining nodes end (they start where the one before's end)
    // the roots' outcomes without the inner nodes: built on the first statuses-alone run (no answer of the API needs
    // them, so neither start-up nor the memory of a compiled version pays for them before); immutable once built
    private volatile StatusTables statusTables;
    private final int[] base;      // per statement: where its run of slots starts in the version
    private final int testsStart; // where the distinct tests' outcomes start in the version's slots
    private final int slots;      // the statements' slots, then one per distinct test
    private final int[] walk;      // per node in pre-order: slot in the version, index after its subtree, name or -1
    private final int[] walkEnd;   // per statement: where its nodes end in walk
    private final String[] names;  // what a node names when it is missing
    private final List<String>[] single; // per name: the list of that name alone

    private VersionProgram(AttributeTests tests, int[] leafSlot, int[] leafTest, CombiningNodes nodes, int[] root,
                           int[] nodesEnd, int[] base, int testsStart, int[] walk, int[] walkEnd, String[] names) {
        this.tests = tests;
        this.leafSlot = leafSlot;
        this.leafTest = leafTest;
        this.nodes = nodes;
        this.root = root;
        this.nodesEnd = nodesEnd;
        this.base = base;
        this.testsStart = testsStart;
        this.slots = testsStart + tests.count();
        this.walk = walk;
        this.walkEnd = walkEnd;
        this.names = names;
        @SuppressWarnings("unchecked")
        List<String>[] one = new List[names.length];
        for (int i = 0; i < names.length; i++) one[i] = List.of(names[i]);
        this.single = one;
    }

    static VersionProgram of(List<CompiledStatement> statements, CaseAttributes attributes) {
        int n = statements.size();
        Builder b = new Builder();
        int[] root = new int[n];
        int[] base = new int[n];
        IntBuffer walk = new IntBuffer();
        int[] walkEnd = new int[n];
        int[] nodesEnd = new int[n];
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
                root[k] = b.operand(s.criteria(), at);
                walk(s.criteria(), at, walk, nameIndex, names);
            }
            walkEnd[k] = walk.size;
            nodesEnd[k] = b.nodes;
            at += s.slots();
        }
        // the distinct tests' outcomes follow the statements' slots: a test operand (coded -1 - test) becomes its slot
        int[] code = b.code.toArray();
        for (int pc = 0; pc < code.length; pc += 3 + code[pc + 1]) {
            for (int i = pc + 3; i < pc + 3 + code[pc + 1]; i++) code[i] = testSlot(code[i], at);
        }
        for (int k = 0; k < n; k++) root[k] = statements.get(k).criteria() == null ? -1 : testSlot(root[k], at);
        AttributeTests tests = new AttributeTests(b.tests.toArray(), b.testIndex.size(), attributes);
        CombiningNodes nodes = new CombiningNodes(code);
        return new VersionProgram(tests, b.leafSlot.toArray(), b.leafTest.toArray(), nodes, root, nodesEnd, base, at,
                walk.toArray(), walkEnd, names.toArray(new String[0]));
    }

    /** A slot as the builder coded it: a node's slot as it is, a test's ({@code -1 - test}) after the statements' slots. */
    private static int testSlot(int coded, int testsStart) {
        return coded >= 0 ? coded : testsStart + (-1 - coded);
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

    /** The case-attribute catalogue the version was compiled with: a case must have been parsed against it. */
    CaseAttributes attributes() {
        return tests.attributes();
    }

    /** How many statements the version has. */
    int statementCount() {
        return root.length;
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
     * plus its version-relative slot. First each distinct attribute test once (into the slots after the statements');
     * then, when {@code leaves}, every attribute-test node from those (what explanations read; the combining nodes and
     * {@link #statuses} read the tests' slots) and the combining nodes in post-order, each folding its operands'
     * codes without a branch per operand; without {@code leaves}, the statements' roots only ({@link StatusTables}).
     */
    void run(PatientCase c, byte[] out, int offset, boolean leaves) {
        tests.run(c, out, offset + testsStart);
        if (!leaves) {
            StatusTables t = statusTables;
            if (t == null) statusTables = t = StatusTables.of(nodes, root, nodesEnd, testsStart, slots); // a race builds it twice, alike
            t.run(out, offset);
            return;
        }
        int[] ls = leafSlot;
        int[] lt = leafTest;
        int from = offset + testsStart;
        for (int i = 0; i < ls.length; i++) out[offset + ls[i]] = out[from + lt[i]];
        nodes.fold(out, offset, 0, nodes.count());
    }

    /** Statement {@code k}'s status as a {@link Status} ordinal, once {@link #run} has filled {@code out} from {@code offset}. */
    byte status(int k, byte[] out, int offset) {
        return root[k] < 0 ? NO_CRITERIA : STATUS_BY_CODE[out[offset + root[k]]];
    }

    /**
     * The status of every statement into {@code into} from {@code at}, as {@link Status} ordinals, read off the roots'
     * outcomes once {@link #run} has filled {@code out} from {@code offset}.
     */
    void statuses(byte[] out, int offset, byte[] into, int at) {
        for (int k = 0; k < root.length; k++) into[at + k] = status(k, out, offset);
    }

    /** Builds the tests, leaves and combining code of a version, one statement after the other. */
    private static final class Builder {
        final IntBuffer tests = new IntBuffer();
        final java.util.Map<java.util.List<Integer>, Integer> testIndex = new java.util.HashMap<>();
        final IntBuffer leafSlot = new IntBuffer();
        final IntBuffer leafTest = new IntBuffer();
        final IntBuffer code = new IntBuffer();
        int nodes;

        /** Emits a node and its operands (operands first), its slots offset by {@code at}. */
        void emit(Criterion n, int at) {
            if (n instanceof Criterion.AttributeTest a) {
                leafSlot.add(at + a.slot());
                leafTest.add(test(a));
            } else if (n instanceof Criterion.AllOf a) {
                combine(CombiningNodes.ALL_OF, a.slot(), a.operands(), at);
            } else if (n instanceof Criterion.AnyOf a) {
                combine(CombiningNodes.ANY_OF, a.slot(), a.operands(), at);
            } else if (n instanceof Criterion.Not x) {
                combine(CombiningNodes.NOT, x.slot(), List.of(x.operand()), at);
            } else if (n instanceof Criterion.Judgement j) {
                for (Criterion f : j.factors()) emit(f, at); // evaluated and reported, never combined
                combine(CombiningNodes.UNKNOWN, j.slot(), List.of(), at);
            } else if (n instanceof Criterion.Unevaluable u) {
                combine(CombiningNodes.UNKNOWN, u.slot(), List.of(), at);
            } else {
                throw new IllegalStateException("unknown criterion node " + n);
            }
        }

        private void combine(int fold, int slot, List<Criterion> operands, int at) {
            for (Criterion o : operands) emit(o, at);
            code.add(at + slot).add(operands.size()).add(fold);
            nodes++;
            for (Criterion o : operands) code.add(operand(o, at));
        }

        /** Where a node's outcome is read: a test node's test, coded {@code -1 - test} until the tests are placed. */
        int operand(Criterion o, int at) {
            return o instanceof Criterion.AttributeTest a ? -1 - test(a) : at + o.slot();
        }

        /** The number of the test (attribute, condition, values), numbered in order of first use. */
        private int test(Criterion.AttributeTest a) {
            List<Integer> key = new java.util.ArrayList<>();
            key.add(a.attribute().index());
            key.add(AttributeTests.code(a.condition()));
            key.add(a.attribute().type() == AttributeType.CONCEPT_LIST ? 1 : 0);
            key.add(a.values().length);
            for (int v : a.values()) key.add(v);
            return testIndex.computeIfAbsent(key, k -> {
                k.forEach(tests::add);
                return testIndex.size();
            });
        }
    }

}
