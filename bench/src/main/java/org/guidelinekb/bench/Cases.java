package org.guidelinekb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.guidelinekb.generate.CaseAttributeSpec;
import org.guidelinekb.generate.CodeLists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Random patient cases for the benchmarks (deterministic by seed): most are metastatic, each other attribute is
 * given with probability 0.6 (so many statements are decided, some stay undetermined), lists hold 0-3 values.
 */
public final class Cases {
    private Cases() {}

    public static List<ObjectNode> random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(one(r));
        return out;
    }

    private static ObjectNode one(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode c = f.objectNode();
        for (CaseAttributeSpec a : CodeLists.ATTRIBUTES) {
            if (a.derived()) continue;
            boolean metastatic = a.name().equals("metastatic");
            if (r.nextDouble() >= (metastatic ? 0.95 : 0.6)) continue;
            switch (a.type()) {
                case BOOLEAN -> c.put(a.name(), metastatic ? r.nextDouble() < 0.9 : r.nextBoolean());
                case INTEGER -> c.put(a.name(), a.name().equals("age") ? 25 + r.nextInt(66) : r.nextInt(5));
                case CONCEPT -> c.put(a.name(), a.caseValues().get(r.nextInt(a.caseValues().size())));
                case CONCEPT_LIST -> {
                    ArrayNode list = c.putArray(a.name());
                    int k = r.nextInt(4);
                    for (int j = 0; j < k; j++) {
                        String v = a.caseValues().get(r.nextInt(a.caseValues().size()));
                        boolean seen = false;
                        for (var e : list) seen |= e.textValue().equals(v);
                        if (!seen) list.add(v);
                    }
                }
            }
        }
        return c;
    }

    /** An evaluation request for a case: every guideline's active version. */
    public static ObjectNode request(ObjectNode patientCase) {
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.set("case", patientCase);
        return req;
    }
}
