package org.guidelinekb.reasoner;

import java.util.List;

/**
 * The criteria of one compiled version as one flat instruction array, built once when the version is compiled, so
 * that evaluating it walks contiguous memory instead of following the criteria trees' objects. Each statement's
 * instructions come in post-order (operands before the node that combines them) and write every node's outcome code
 * where {@link Criterion#eval} would: slot {@code c.slot()} of the statement's run, which starts at
 * {@link #base(int)} within the version's {@link #slots()}. The trees stay the model (explanations, {@code missing});
 * this is only their faster evaluation, with the same Kleene logic.
 */
public final class VersionProgram {
    private static final int TEST = 0;
    private static final int ALL_OF = 1;
    private static final int ANY_OF = 2;
    private static final int NOT = 3;
    private static final int UNKNOWN = 4;
    // conditions as instruction operands (a switch on an int, not on the enum)
    private static final int EQUALS = 0;
    private static final int IN = 1;
    private static final int AT_LEAST = 2;
    private static final int AT_MOST = 3;
    private static final int PRESENT = 4;
    private static final int INCLUDES = 5;

    private final int[] code;
    private final int[] end;   // per statement: where its instructions end in code
    private final int[] root;  // per statement: its root's slot in the version, -1 without criteria
    private final int[] base;  // per statement: where its run of slots starts in the version
    private final int slots;
    private final int[] walk;      // per node in pre-order: slot in the version, index after its subtree, name or -1
    private final int[] walkEnd;   // per statement: where its nodes end in walk
    private final String[] names;  // what a node names when it is missing

    private VersionProgram(int[] code, int[] end, int[] root, int[] base, int slots, int[] walk, int[] walkEnd, String[] names) {
        this.code = code;
        this.end = end;
        this.root = root;
        this.base = base;
        this.slots = slots;
        this.walk = walk;
        this.walkEnd = walkEnd;
        this.names = names;
    }

    static VersionProgram of(List<CompiledStatement> statements) {
        int n = statements.size();
        IntBuffer out = new IntBuffer();
        int[] end = new int[n];
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
                emit(s.criteria(), at, out);
                root[k] = at + s.criteria().slot();
                walk(s.criteria(), at, walk, nameIndex, names);
            }
            end[k] = out.size;
            walkEnd[k] = walk.size;
            at += s.slots();
        }
        return new VersionProgram(out.toArray(), end, root, base, at, walk.toArray(), walkEnd, names.toArray(new String[0]));
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
     * Adds to {@code acc} what could change statement {@code k}'s undecided outcome, each name once, in the order
     * met: the unknown leaves under unknown nodes. Under an undecided all-of no operand failed, and under an undecided
     * any-of none was met, so decided operands cannot change the outcome and are skipped; judgement criteria are
     * named as such. {@code out} holds the outcomes from {@code offset} as {@link #run} wrote them.
     */
    void missing(int k, byte[] out, int offset, List<String> acc) {
        int[] w = walk;
        int i = k == 0 ? 0 : walkEnd[k - 1];
        int stop = walkEnd[k];
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
            String s = names[name];
            boolean seen = false;
            for (int j = 0; j < acc.size() && !seen; j++) seen = acc.get(j).equals(s);
            if (!seen) acc.add(s);
            i = w[i + 1];
        }
    }

    private static void emit(Criterion n, int at, IntBuffer out) {
        if (n instanceof Criterion.AttributeTest a) {
            out.add(TEST).add(at + a.slot()).add(a.attribute().index()).add(condition(a.condition()))
                    .add(a.attribute().type() == AttributeType.CONCEPT_LIST ? 1 : 0).add(a.values().length);
            for (int v : a.values()) out.add(v);
        } else if (n instanceof Criterion.AllOf a) {
            combine(ALL_OF, a.slot(), a.operands(), at, out);
        } else if (n instanceof Criterion.AnyOf a) {
            combine(ANY_OF, a.slot(), a.operands(), at, out);
        } else if (n instanceof Criterion.Not x) {
            emit(x.operand(), at, out);
            out.add(NOT).add(at + x.slot()).add(at + x.operand().slot());
        } else if (n instanceof Criterion.Judgement j) {
            for (Criterion f : j.factors()) emit(f, at, out);
            out.add(UNKNOWN).add(at + j.slot());
        } else if (n instanceof Criterion.Unevaluable u) {
            out.add(UNKNOWN).add(at + u.slot());
        } else {
            throw new IllegalStateException("unknown criterion node " + n);
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

    private static void combine(int op, int slot, List<Criterion> operands, int at, IntBuffer out) {
        for (Criterion o : operands) emit(o, at, out);
        out.add(op).add(at + slot).add(operands.size());
        for (Criterion o : operands) out.add(at + o.slot());
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
     * Evaluates statement {@code k} (every node, its outcome codes written to {@code out} from {@code offset} plus the
     * version-relative slot) and returns its status.
     */
    Status run(int k, PatientCase c, byte[] out, int offset) {
        int[] p = code;
        int pc = k == 0 ? 0 : end[k - 1];
        int stop = end[k];
        while (pc < stop) {
            int op = p[pc];
            int slot = offset + p[pc + 1];
            byte r;
            switch (op) {
                case TEST -> {
                    int nv = p[pc + 5];
                    r = test(c, p[pc + 2], p[pc + 3], p[pc + 4] != 0, p, pc + 6, nv);
                    pc += 6 + nv;
                }
                case ALL_OF, ANY_OF -> { // Kleene AND / OR: one decisive operand decides, else any unknown leaves it unknown
                    int no = p[pc + 2];
                    byte decisive = op == ALL_OF ? Tri.FALSE_CODE : Tri.TRUE_CODE;
                    byte neutral = op == ALL_OF ? Tri.TRUE_CODE : Tri.FALSE_CODE;
                    r = neutral;
                    for (int i = 0; i < no; i++) {
                        byte t = out[offset + p[pc + 3 + i]];
                        if (t == decisive) r = decisive;
                        else if (t == Tri.UNKNOWN_CODE && r == neutral) r = Tri.UNKNOWN_CODE;
                    }
                    pc += 3 + no;
                }
                case NOT -> {
                    byte t = out[offset + p[pc + 2]];
                    r = t == Tri.TRUE_CODE ? Tri.FALSE_CODE : t == Tri.FALSE_CODE ? Tri.TRUE_CODE : Tri.UNKNOWN_CODE;
                    pc += 3;
                }
                default -> {
                    r = Tri.UNKNOWN_CODE;
                    pc += 2;
                }
            }
            out[slot] = r;
        }
        int rs = root[k];
        if (rs < 0) return Status.APPLICABLE;
        byte t = out[offset + rs];
        return t == Tri.TRUE_CODE ? Status.APPLICABLE : t == Tri.FALSE_CODE ? Status.NOT_APPLICABLE : Status.UNDETERMINED;
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
