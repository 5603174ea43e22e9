package org.guidelinekb.reasoner;

import org.guidelinekb.util.Closest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A patient case: the value of each case attribute, or unknown. Parsed and validated from the JSON object of a
 * request against the {@link CaseAttributes} catalogue; derived attributes are computed here, once, from their
 * declared rules. An attribute the JSON does not give (or gives as {@code null}) is unknown, never false;
 * {@code []} is a known empty list. Immutable.
 */
public final class PatientCase {
    private final CaseAttributes attributes;
    private final boolean[] known;
    private final int[] scalar;   // boolean 0/1, integer value, or concept index
    private final int[][] lists;  // concept indexes of a concept-list attribute

    private PatientCase(CaseAttributes attributes, boolean[] known, int[] scalar, int[][] lists) {
        this.attributes = attributes;
        this.known = known;
        this.scalar = scalar;
        this.lists = lists;
    }

    /** Parses and validates a case; every problem found is reported at once in one {@link InvalidInputException}. */
    public static PatientCase of(JsonNode json, CaseAttributes attributes) {
        PatientCase c = given(json, attributes);
        c.derive();
        return c;
    }

    /**
     * The case as given, parsed and validated, its derived attributes not yet computed ({@link #withDerived} does):
     * for a caller that times the derivation with the evaluation, as a CQL engine computes them in its defines.
     */
    public static PatientCase given(JsonNode json, CaseAttributes attributes) {
        List<FieldError> errors = new ArrayList<>();
        PatientCase c = parseGiven(json, attributes, errors);
        if (!errors.isEmpty()) throw RequestJson.invalid(errors);
        return c;
    }

    /**
     * The case with its derived attributes computed from their rules (what {@link #of} returns): a copy when one of
     * them is known, this case itself when none is (a rule whose source is unknown derives nothing).
     */
    public PatientCase withDerived() {
        PatientCase c = this;
        for (CaseAttribute a : attributes.derived()) {
            Tri t = derived(a);
            if (t == Tri.UNKNOWN) continue;
            if (c == this) c = new PatientCase(attributes, known.clone(), scalar.clone(), lists);
            c.setDerived(a, t);
        }
        return c;
    }

    /** Parses a case, adding a {@link FieldError} per problem to {@code errors} (the case is then unusable). */
    static PatientCase parse(JsonNode json, CaseAttributes attributes, List<FieldError> errors) {
        PatientCase c = parseGiven(json, attributes, errors);
        c.derive();
        return c;
    }

    private static PatientCase parseGiven(JsonNode json, CaseAttributes attributes, List<FieldError> errors) {
        int n = attributes.size();
        PatientCase c = new PatientCase(attributes, new boolean[n], new int[n], new int[n][]);
        if (json == null || !json.isObject()) {
            errors.add(new FieldError("case", "must be a JSON object of case attributes, e.g. {\"metastatic\": true}", null));
            return c;
        }
        for (Map.Entry<String, JsonNode> f : json.properties()) {
            CaseAttribute a = attributes.byName(f.getKey());
            if (a == null) {
                String s = attributes.closestName(f.getKey());
                errors.add(new FieldError(f.getKey(), "unknown case attribute '" + f.getKey() + "'"
                        + (s == null ? "; see GET /api/case-attributes" : "; did you mean '" + s + "'?"), s));
            } else if (a.derived()) {
                errors.add(new FieldError(a.name(), "'" + a.name() + "' is derived from '" + a.rule().from().name()
                        + "' by the reasoner; give '" + a.rule().from().name() + "' instead", a.rule().from().name()));
            } else if (!f.getValue().isNull()) {
                c.set(a, f.getValue(), errors);
            }
        }
        return c;
    }

    /** Computes the derived attributes from their rules, in place: only while the case is being made. */
    private void derive() {
        for (CaseAttribute a : attributes.derived()) {
            Tri t = derived(a);
            if (t != Tri.UNKNOWN) setDerived(a, t);
        }
    }

    private Tri derived(CaseAttribute a) {
        return a.rule().apply(lists[a.rule().from().index()], attributes.concepts());
    }

    private void setDerived(CaseAttribute a, Tri t) {
        known[a.index()] = true;
        scalar[a.index()] = t == Tri.TRUE ? 1 : 0;
    }

    private void set(CaseAttribute a, JsonNode v, List<FieldError> errors) {
        int i = a.index();
        switch (a.type()) {
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    errors.add(new FieldError(a.name(), "must be true or false, not " + show(v), null));
                    return;
                }
                scalar[i] = v.booleanValue() ? 1 : 0;
            }
            case INTEGER -> {
                if (!v.isIntegralNumber()) {
                    errors.add(new FieldError(a.name(), "must be an integer" + range(a) + ", not " + show(v), null));
                    return;
                }
                if (!v.canConvertToInt() || (a.min() != null && v.intValue() < a.min()) || (a.max() != null && v.intValue() > a.max())) {
                    errors.add(new FieldError(a.name(), "is out of range: " + v.asText() + " is not" + range(a), null));
                    return;
                }
                scalar[i] = v.intValue();
            }
            case CONCEPT -> {
                int c = concept(a, v, a.name(), errors);
                if (c < 0) return;
                scalar[i] = c;
            }
            case CONCEPT_LIST -> {
                if (!v.isArray()) {
                    errors.add(new FieldError(a.name(), "must be an array of " + String.join(", ", quoted(a.values()))
                            + " ([] means none), not " + show(v), null));
                    return;
                }
                int[] out = new int[v.size()];
                int m = 0;
                boolean ok = true;
                for (int k = 0; k < v.size(); k++) {
                    int c = concept(a, v.get(k), a.name() + "[" + k + "]", errors);
                    if (c < 0) {
                        ok = false;
                    } else if (!contains(out, m, c)) {
                        out[m++] = c;
                    }
                }
                if (!ok) return;
                lists[i] = m == out.length ? out : java.util.Arrays.copyOf(out, m);
            }
        }
        known[i] = true;
    }

    private int concept(CaseAttribute a, JsonNode v, String where, List<FieldError> errors) {
        if (!v.isTextual()) {
            errors.add(new FieldError(a.name(), where + " must be one of " + String.join(", ", quoted(a.values())) + ", not " + show(v), null));
            return -1;
        }
        int c = attributes.valueIndex(a, v.textValue());
        if (c < 0) {
            String s = Closest.of(v.textValue(), a.values());
            errors.add(new FieldError(a.name(), where + ": '" + v.textValue() + "' is not one of " + String.join(", ", quoted(a.values()))
                    + (s == null ? "" : "; did you mean '" + s + "'?"), s));
        }
        return c;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int k = 0; k < n; k++) {
            if (a[k] == v) return true;
        }
        return false;
    }

    private static String range(CaseAttribute a) {
        if (a.min() == null && a.max() == null) return "";
        return " from " + (a.min() == null ? "any" : a.min()) + " to " + (a.max() == null ? "any" : a.max());
    }

    private static List<String> quoted(List<String> values) {
        return values.stream().map(s -> "'" + s + "'").toList();
    }

    private static String show(JsonNode v) {
        String s = v.toString();
        return (s.length() > 40 ? s.substring(0, 40) + "..." : s) + " (" + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    public CaseAttributes attributes() {
        return attributes;
    }

    public boolean known(int attribute) {
        return known[attribute];
    }

    /** A boolean value (valid when known). */
    public boolean bool(int attribute) {
        return scalar[attribute] != 0;
    }

    /** An integer value, or the concept index of a concept value (valid when known). */
    public int scalar(int attribute) {
        return scalar[attribute];
    }

    /** The concept indexes of a list value; null when unknown. */
    public int[] list(int attribute) {
        return lists[attribute];
    }

    /** The value as JSON (null node when unknown), as the explanation shows it. */
    public JsonNode value(CaseAttribute a) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int i = a.index();
        if (!known[i]) return f.nullNode();
        return switch (a.type()) {
            case BOOLEAN -> f.booleanNode(scalar[i] != 0);
            case INTEGER -> f.numberNode(scalar[i]);
            case CONCEPT -> f.textNode(attributes.concepts().notation(scalar[i]));
            case CONCEPT_LIST -> {
                ArrayNode arr = f.arrayNode();
                for (int c : lists[i]) arr.add(attributes.concepts().notation(c));
                yield arr;
            }
        };
    }
}
