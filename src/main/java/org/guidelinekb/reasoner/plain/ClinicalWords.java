package org.guidelinekb.reasoner.plain;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.reasoner.AttributeType;
import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.Concepts;
import org.guidelinekb.reasoner.Criterion;
import org.guidelinekb.reasoner.PatientCase;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Attribute values and requirements in the knowledge base's own words: attributes by their skos:prefLabel, concepts
 * by theirs, booleans as yes/no. Never an attribute code or a notation where the ontology has a label.
 */
final class ClinicalWords {
    private ClinicalWords() {}

    /** The attribute's label as it starts a sentence ("Primary tumour intact"). */
    static String label(CaseAttribute a) {
        return a.label() != null ? a.label() : "A case attribute without a label";
    }

    /** The attribute's label inside a sentence ("primary tumour intact", but "HER2 status" stays). */
    static String inSentence(CaseAttribute a) {
        return lower(label(a));
    }

    /** What the case says: "yes", "no", "62", "bleeding, pain", "none", or "not recorded". */
    static String caseValue(CaseAttribute a, PatientCase c) {
        int i = a.index();
        if (!c.known(i)) return "not recorded";
        Concepts k = c.attributes().concepts();
        return switch (a.type()) {
            case BOOLEAN -> c.bool(i) ? "yes" : "no";
            case INTEGER -> Integer.toString(c.scalar(i));
            case CONCEPT -> concept(k, c.scalar(i));
            case CONCEPT_LIST -> {
                int[] vs = c.list(i);
                if (vs.length == 0) yield "none";
                List<String> out = new ArrayList<>();
                for (int v : vs) out.add(concept(k, v));
                yield String.join(", ", out);
            }
        };
    }

    /** What the criterion needs: "yes", "at least 2", "one of: bone, liver", "any local complication of the primary tumour". */
    static String requirement(Criterion.AttributeTest t, Concepts k) {
        CaseAttribute a = t.attribute();
        JsonNode shown = t.shown();
        return switch (t.condition()) {
            case EQUALS -> value(a, shown, k);
            case IN -> "one of: " + or(values(a, shown, k));
            case AT_LEAST -> "at least " + value(a, shown, k);
            case AT_MOST -> "at most " + value(a, shown, k);
            case PRESENT -> a.type() == AttributeType.CONCEPT_LIST ? "at least one recorded" : "recorded";
            case INCLUDES -> or(includes(a, shown, k));
        };
    }

    private static List<String> includes(CaseAttribute a, JsonNode shown, Concepts k) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : shown.isArray() ? shown : List.of(shown)) {
            int i = k.index(a.scheme(), v.asText());
            String w = i >= 0 ? concept(k, i) : v.asText();
            out.add(i >= 0 && k.isGrouping(i) ? "any " + w : w);
        }
        return out;
    }

    private static List<String> values(CaseAttribute a, JsonNode shown, Concepts k) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : shown.isArray() ? shown : List.of(shown)) out.add(value(a, v, k));
        return out;
    }

    private static String value(CaseAttribute a, JsonNode v, Concepts k) {
        if (v == null || v.isNull()) return "recorded";
        if (v.isBoolean()) return v.booleanValue() ? "yes" : "no";
        if (v.isArray()) return or(values(a, v, k));
        if (a.scheme() != null && v.isTextual()) {
            int i = k.index(a.scheme(), v.textValue());
            if (i >= 0) return concept(k, i);
        }
        return v.asText();
    }

    /** A concept by its label, lower-cased inside a sentence; its notation only where the ontology gives no label. */
    static String concept(Concepts k, int i) {
        String l = k.label(i);
        return l != null ? lower(l) : k.notation(i);
    }

    /** "a", "a or b", "a, b or c". */
    static String or(List<String> items) {
        if (items.size() <= 1) return items.isEmpty() ? "" : items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** Lower-cases the first letter unless the first word is an acronym or a name (HER2, ECOG, NCCN). */
    static String lower(String s) {
        if (s == null || s.length() < 2) return s;
        if (Character.isUpperCase(s.charAt(1)) || Character.isDigit(s.charAt(1))) return s;
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static String upper(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
