package org.guidelinekb.fhir;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.versioning.CriterionNode;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;

/**
 * A statement's criteria as gkb extensions on its applicability condition, so that an import restores them exactly
 * (the CQL says what they mean; these say how the content states them). One {@code criterion} extension per node:
 * {@code key}, {@code kind}, {@code label}, {@code attribute}, {@code condition}, then {@code value}, {@code operand}
 * and {@code factor} as often as the node has them.
 */
final class FhirCriteria {
    private FhirCriteria() {}

    static Extension extension(CriterionNode n) {
        Extension e = new Extension(FhirUrls.EXT_CRITERION);
        part(e, "key", n.key());
        part(e, "kind", n.kind());
        part(e, "label", n.label());
        part(e, "attribute", n.attribute());
        part(e, "condition", n.condition());
        n.values().forEach(v -> part(e, "value", v));
        n.operands().forEach(v -> part(e, "operand", v));
        n.factors().forEach(v -> part(e, "factor", v));
        return e;
    }

    private static void part(Extension e, String name, String value) {
        if (value != null) e.addExtension(name, new StringType(value));
    }

    /** The node an extension describes; {@code iri} is given by the importer. */
    static CriterionNode read(Extension e, String iri) {
        return new CriterionNode(iri, one(e, "key"), one(e, "kind"), one(e, "attribute"), one(e, "condition"), one(e, "label"),
                all(e, "value"), all(e, "operand"), all(e, "factor"));
    }

    static String one(Extension e, String name) {
        List<String> v = all(e, name);
        return v.isEmpty() ? null : v.get(0);
    }

    static List<String> all(Extension e, String name) {
        List<String> out = new ArrayList<>();
        for (Extension x : e.getExtensionsByUrl(name)) {
            if (x.getValue() != null) out.add(x.getValue().primitiveValue());
        }
        return out;
    }
}
