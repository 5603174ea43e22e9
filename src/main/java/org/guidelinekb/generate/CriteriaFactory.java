package org.guidelinekb.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.guidelinekb.generate.CaseAttributeSpec.Type;
import org.guidelinekb.generate.GenCriterion.Kind;

/**
 * Random criteria trees shaped like the shipped content: a root all-of, usually "metastatic", a few attribute
 * conditions, often an any-of of alternatives (a need such as symptoms via {@code includes} a grouping concept, or
 * impending complications), sometimes a not, a derived attribute or an all-of nested in the any-of, and now and then
 * a judgement with checkable factors. Depth is at most three below the root.
 */
final class CriteriaFactory {
    private final SplittableRandom random;

    CriteriaFactory(SplittableRandom random) {
        this.random = random;
    }

    /** A new criteria tree; keys are {@code root} and {@code c1}, {@code c2}, ... */
    GenCriterion tree() {
        Keys keys = new Keys(0);
        List<GenCriterion> ops = new ArrayList<>();
        if (random.nextDouble() < 0.7) {
            ops.add(GenCriterion.attribute(keys.next(), "metastatic breast cancer", "metastatic", "equals", List.of(Term.bool(true))));
        }
        int leaves = 1 + random.nextInt(4);
        for (int i = 0; i < leaves; i++) ops.add(leaf(keys.next(), false));
        if (random.nextDouble() < 0.3) ops.add(anyOf(keys));
        if (random.nextDouble() < 0.15) {
            GenCriterion inner = leaf(keys.next(), true);
            ops.add(GenCriterion.composite(keys.next(), Kind.NOT, "not: " + inner.label(), List.of(inner)));
        }
        if (random.nextDouble() < 0.15) ops.add(derived(keys.next()));
        if (random.nextDouble() < 0.05) ops.add(judgement(keys));
        return withoutRedundantFactors(GenCriterion.composite("root", Kind.ALL_OF, "all conditions of the statement", ops));
    }

    /**
     * The tree without judgement factors that repeat a hard condition beside them (same attribute, condition and
     * values): such a factor is always met (sparql/checks/redundant-judgement-factor-violation.rq).
     */
    static GenCriterion withoutRedundantFactors(GenCriterion root) {
        List<GenCriterion> ops = new ArrayList<>();
        for (GenCriterion op : root.children()) {
            if (op.kind() != Kind.JUDGEMENT) {
                ops.add(op);
                continue;
            }
            List<GenCriterion> factors = op.children().stream().filter(f -> root.children().stream().noneMatch(h ->
                    h != f && f.attribute() != null && f.attribute().equals(h.attribute())
                    && f.condition().equals(h.condition()) && f.values().equals(h.values()))).toList();
            ops.add(op.withChildren(factors));
        }
        return root.withChildren(ops);
    }

    /** The next free key of a tree ({@code c} + one more than the largest number used). */
    static Keys keysAfter(GenCriterion root) {
        List<GenCriterion> all = new ArrayList<>();
        root.collect(all);
        int max = 0;
        for (GenCriterion c : all) {
            if (c.key().startsWith("c")) max = Math.max(max, Integer.parseInt(c.key().substring(1)));
        }
        return new Keys(max);
    }

    private GenCriterion anyOf(Keys keys) {
        String key = keys.next();
        List<GenCriterion> ops = new ArrayList<>();
        if (random.nextBoolean()) {
            ops.add(GenCriterion.attribute(keys.next(), "symptoms or local complications of the primary tumour", "primarySymptoms",
                    "includes", List.of(Term.concept("symptom", "local-complication"))));
            ops.add(GenCriterion.attribute(keys.next(), "impending local complications", "impendingLocalComplications",
                    "equals", List.of(Term.bool(true))));
        } else {
            int n = 2 + random.nextInt(2);
            for (int i = 0; i < n; i++) ops.add(leaf(keys.next(), false));
        }
        if (random.nextDouble() < 0.25) {
            String k = keys.next();
            GenCriterion a = leaf(keys.next(), false);
            GenCriterion b = leaf(keys.next(), false);
            ops.add(GenCriterion.composite(k, Kind.ALL_OF, a.label() + " and " + b.label(), List.of(a, b)));
        }
        return GenCriterion.composite(key, Kind.ANY_OF, "any of the alternatives", ops);
    }

    private GenCriterion judgement(Keys keys) {
        String key = keys.next();
        int n = random.nextInt(4);
        List<GenCriterion> factors = new ArrayList<>();
        for (int i = 0; i < n; i++) factors.add(leaf(keys.next(), false));
        return GenCriterion.composite(key, Kind.JUDGEMENT,
                "favourable features (synthetic: the source names them without a rule that decides them)", factors);
    }

    private GenCriterion derived(String key) {
        if (random.nextBoolean()) {
            return GenCriterion.attribute(key, "bone-only metastases", "boneOnlyMetastases", "equals", List.of(Term.bool(true)));
        }
        boolean v = random.nextDouble() < 0.3;
        return GenCriterion.attribute(key, v ? "visceral metastases" : "no visceral metastases", "visceralMetastases", "equals",
                List.of(Term.bool(v)));
    }

    /**
     * One attribute condition on a non-derived attribute. {@code simple}: only {@code equals} on a boolean or concept
     * attribute (the operand of a not).
     */
    GenCriterion leaf(String key, boolean simple) {
        List<CaseAttributeSpec> pool = CodeLists.ATTRIBUTES.stream()
                .filter(a -> !a.derived() && (!simple || a.type() == Type.BOOLEAN || a.type() == Type.CONCEPT)).toList();
        CaseAttributeSpec a = pool.get(random.nextInt(pool.size()));
        return switch (a.type()) {
            case BOOLEAN -> {
                boolean v = random.nextDouble() < 0.75;
                yield GenCriterion.attribute(key, a.name() + " is " + v, a.name(), "equals", List.of(Term.bool(v)));
            }
            case INTEGER -> {
                boolean atLeast = random.nextBoolean();
                int v = a.name().equals("age") ? (atLeast ? 18 + random.nextInt(58) : 60 + random.nextInt(31))
                        : (atLeast ? 2 + random.nextInt(2) : random.nextInt(3));
                yield GenCriterion.attribute(key, a.name() + (atLeast ? " at least " : " at most ") + v, a.name(),
                        atLeast ? "at-least" : "at-most", List.of(Term.integer(v)));
            }
            case CONCEPT -> {
                if (!simple && random.nextDouble() < 0.2 && a.values().size() > 2) {
                    List<String> vs = new ArrayList<>(a.values());
                    vs.remove(random.nextInt(vs.size()));
                    yield GenCriterion.attribute(key, a.name() + " in " + vs, a.name(), "in",
                            vs.stream().map(v -> Term.concept(a.scheme(), v)).toList());
                }
                String v = a.values().get(random.nextInt(a.values().size()));
                yield GenCriterion.attribute(key, a.name() + " is " + v, a.name(), "equals", List.of(Term.concept(a.scheme(), v)));
            }
            case CONCEPT_LIST -> {
                if (random.nextDouble() < 0.1) {
                    yield GenCriterion.attribute(key, a.name() + " given and not empty", a.name(), "present", List.of());
                }
                String v = random.nextBoolean() ? a.values().get(0) : a.values().get(random.nextInt(a.values().size()));
                yield GenCriterion.attribute(key, a.name() + " includes " + v, a.name(), "includes", List.of(Term.concept(a.scheme(), v)));
            }
        };
    }

    /** A changed value for an attribute criterion (same attribute and condition). */
    GenCriterion revalue(GenCriterion c) {
        GenCriterion fresh = leaf(c.key(), false);
        for (int tries = 0; tries < 20 && !(fresh.attribute().equals(c.attribute()) && fresh.condition().equals(c.condition())); tries++) {
            fresh = leaf(c.key(), false);
        }
        return fresh; // after 20 tries possibly another attribute altogether: still a change of the criterion
    }

    /** Criterion keys {@code c1, c2, ...} after a starting number. */
    static final class Keys {
        private int n;

        Keys(int start) {
            this.n = start;
        }

        String next() {
            return "c" + (++n);
        }
    }
}
