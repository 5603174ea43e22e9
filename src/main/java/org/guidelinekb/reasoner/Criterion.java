package org.guidelinekb.reasoner;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled node of a statement's applicability tree. Built once per version from the RDF criteria
 * ({@link CriteriaCompiler}); evaluation is pure, in memory, and writes each node's outcome into the slot
 * {@link #slot()} of a per-statement run of an outcome array so the explanation can be rendered afterwards without
 * re-evaluating. {@link #eval} states the logic node by node; the evaluator runs the same logic flattened into a
 * {@link VersionProgram} (checked against {@link #eval} by {@code VersionProgramTest}).
 */
public sealed interface Criterion {

    String iri();

    /** gkb:key, unique within the statement. */
    String key();

    /** rdfs:label, or null. */
    String label();

    /** Position of this node's outcome in the statement's outcome array (pre-order). */
    int slot();

    /**
     * Evaluates the node (and its descendants) against a case, recording each node's outcome code ({@link Tri#code()})
     * in {@code out} at {@code base + slot}; returns this node's code.
     */
    byte eval(PatientCase c, byte[] out, int base);

    /** Kleene AND. */
    record AllOf(String iri, String key, String label, int slot, List<Criterion> operands) implements Criterion {
        @Override
        public byte eval(PatientCase c, byte[] out, int base) {
            byte r = Tri.TRUE_CODE;
            for (int k = 0; k < operands.size(); k++) {
                byte t = operands.get(k).eval(c, out, base);
                if (t == Tri.FALSE_CODE) r = Tri.FALSE_CODE;
                else if (t == Tri.UNKNOWN_CODE && r == Tri.TRUE_CODE) r = Tri.UNKNOWN_CODE;
            }
            out[base + slot] = r;
            return r;
        }
    }

    /** Kleene OR. */
    record AnyOf(String iri, String key, String label, int slot, List<Criterion> operands) implements Criterion {
        @Override
        public byte eval(PatientCase c, byte[] out, int base) {
            byte r = Tri.FALSE_CODE;
            for (int k = 0; k < operands.size(); k++) {
                byte t = operands.get(k).eval(c, out, base);
                if (t == Tri.TRUE_CODE) r = Tri.TRUE_CODE;
                else if (t == Tri.UNKNOWN_CODE && r == Tri.FALSE_CODE) r = Tri.UNKNOWN_CODE;
            }
            out[base + slot] = r;
            return r;
        }
    }

    /** Kleene NOT: TRUE and FALSE swap, UNKNOWN stays. */
    record Not(String iri, String key, String label, int slot, Criterion operand) implements Criterion {
        @Override
        public byte eval(PatientCase c, byte[] out, int base) {
            byte t = operand.eval(c, out, base);
            byte r = t == Tri.TRUE_CODE ? Tri.FALSE_CODE : t == Tri.FALSE_CODE ? Tri.TRUE_CODE : Tri.UNKNOWN_CODE;
            out[base + slot] = r;
            return r;
        }
    }

    /**
     * One attribute under one condition.
     *
     * @param values booleans as 0/1, integers, or concept indexes, as the attribute's type says
     * @param shown  the compared value(s) as the explanation shows them (null for {@code present})
     */
    record AttributeTest(String iri, String key, String label, int slot, CaseAttribute attribute, Condition condition,
                         int[] values, JsonNode shown) implements Criterion {
        @Override
        public byte eval(PatientCase c, byte[] out, int base) {
            byte r = test(c).code();
            out[base + slot] = r;
            return r;
        }

        private Tri test(PatientCase c) {
            int i = attribute.index();
            if (!c.known(i)) return Tri.UNKNOWN;
            boolean list = attribute.type() == AttributeType.CONCEPT_LIST;
            int v = c.scalar(i);
            switch (condition) {
                case EQUALS:
                    return Tri.of(v == values[0]);
                case IN:
                    for (int x : values) {
                        if (v == x) return Tri.TRUE;
                    }
                    return Tri.FALSE;
                case AT_LEAST:
                    return Tri.of(v >= values[0]);
                case AT_MOST:
                    return Tri.of(v <= values[0]);
                case PRESENT:
                    return Tri.of(!list || c.list(i).length > 0);
                case INCLUDES:
                    Concepts concepts = c.attributes().concepts();
                    if (!list) return Tri.of(withinAny(concepts, v));
                    for (int caseValue : c.list(i)) {
                        if (withinAny(concepts, caseValue)) return Tri.TRUE;
                    }
                    return Tri.FALSE;
                default:
                    return Tri.UNKNOWN;
            }
        }

        private boolean withinAny(Concepts concepts, int caseValue) {
            for (int x : values) {
                if (concepts.within(caseValue, x)) return true;
            }
            return false;
        }
    }

    /**
     * A condition the source names without a decidable rule: always UNKNOWN. Its factors (the named features that
     * can be checked) are evaluated and reported one by one, never combined into a rule.
     */
    record Judgement(String iri, String key, String label, int slot, List<Criterion> factors) implements Criterion {
        @Override
        public byte eval(PatientCase c, byte[] out, int base) {
            for (int k = 0; k < factors.size(); k++) factors.get(k).eval(c, out, base);
            out[base + slot] = Tri.UNKNOWN_CODE;
            return Tri.UNKNOWN_CODE;
        }
    }

    /** A criterion the content states in a way the reasoner cannot evaluate (e.g. a condition without its value): UNKNOWN. */
    record Unevaluable(String iri, String key, String label, int slot, String problem) implements Criterion {
        @Override
        public byte eval(PatientCase c, byte[] out, int base) {
            out[base + slot] = Tri.UNKNOWN_CODE;
            return Tri.UNKNOWN_CODE;
        }
    }
}
