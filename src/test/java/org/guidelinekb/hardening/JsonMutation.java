package org.guidelinekb.hardening;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.guidelinekb.hardening.JsonGen.Obj;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A structural change of a JSON document: the {@code target}-th node (pre-order, modulo the node count) is replaced,
 * removed, or given one more member / element. Valid seed documents changed this way reach deep into a handler,
 * where random documents are refused at the door.
 */
record JsonMutation(Kind kind, int target, String name, Object value) {
    enum Kind { REPLACE, REMOVE, ADD }

    /** One to three mutations with generated names and values. */
    static Arbitrary<List<JsonMutation>> some() {
        Arbitrary<JsonMutation> one = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 100_000),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, JsonGen.strings()),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of("resourceType", "code", "coding", "system", "valueCodeableConcept",
                                "valueBoolean", "valueInteger", "entry", "resource", "status", "subject", "context", "prefetch", "hook",
                                "hookInstance", "patientId", "draftOrders", "selections", "extension"))),
                JsonGen.values(2)).as(JsonMutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    static Object applyAll(Object doc, List<JsonMutation> mutations) {
        Object out = doc;
        for (JsonMutation m : mutations) out = m.apply(out);
        return out;
    }

    Object apply(Object doc) {
        int n = count(doc);
        int[] counter = {target % n};
        Object out = walk(doc, counter);
        return out == REMOVED ? null : out;
    }

    private static final Object REMOVED = new Object();

    private Object walk(Object node, int[] counter) {
        if (counter[0]-- == 0) {
            return switch (kind) {
                case REPLACE -> value;
                case REMOVE -> REMOVED;
                case ADD -> add(node);
            };
        }
        if (node instanceof Obj o) {
            List<Map.Entry<String, Object>> ms = new ArrayList<>();
            for (Map.Entry<String, Object> e : o.members()) {
                Object v = walk(e.getValue(), counter);
                if (v != REMOVED) ms.add(JsonGen.member(e.getKey(), v));
            }
            return Obj.of(ms);
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                Object v = walk(x, counter);
                if (v != REMOVED) out.add(v);
            }
            return out;
        }
        return node;
    }

    private Object add(Object node) {
        if (node instanceof Obj o) {
            List<Map.Entry<String, Object>> ms = new ArrayList<>(o.members());
            ms.add(JsonGen.member(name, value));
            return Obj.of(ms);
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            out.add(value);
            return out;
        }
        return value;
    }

    private static int count(Object node) {
        int n = 1;
        if (node instanceof Obj o) for (Map.Entry<String, Object> e : o.members()) n += count(e.getValue());
        if (node instanceof List<?> l) for (Object x : l) n += count(x);
        return n;
    }
}
