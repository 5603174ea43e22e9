package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SKOS concepts of the ontology, numbered, with precomputed ancestor sets: "is {@code c} the concept {@code a}
 * or narrower (skos:broader+)?" is one bit test. Immutable once built.
 */
public final class Concepts {
    private final String[] iris;
    private final String[] notations;
    private final String[] labels;
    private final String[] schemes;
    private final boolean[] grouping;
    private final int stride;                 // words a concept: ceil(n / 64)
    private final long[] selfAndAncestors;    // concept c's self-and-ancestor bits at words [c * stride, (c + 1) * stride)
    private final Map<String, Integer> byIri;
    private final Map<String, Map<String, Integer>> byScheme;

    private Concepts(List<Row> rows, Map<String, Set<String>> ancestors) {
        int n = rows.size();
        iris = new String[n];
        notations = new String[n];
        labels = new String[n];
        schemes = new String[n];
        grouping = new boolean[n];
        stride = (n + 63) >>> 6;
        selfAndAncestors = new long[Math.multiplyExact(n, stride)];
        byIri = new HashMap<>();
        byScheme = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            iris[i] = r.iri;
            notations[i] = r.notation != null ? r.notation : r.iri.substring(r.iri.lastIndexOf('/') + 1);
            labels[i] = r.label;
            schemes[i] = r.scheme;
            grouping[i] = r.grouping;
            byIri.put(r.iri, i);
            byScheme.computeIfAbsent(r.scheme, k -> new LinkedHashMap<>()).put(notations[i], i);
        }
        for (int i = 0; i < n; i++) {
            set(i, i);
            for (String a : ancestors.getOrDefault(iris[i], Set.of())) {
                Integer j = byIri.get(a);
                if (j != null) set(i, j);
            }
        }
    }

    private void set(int c, int a) {
        selfAndAncestors[c * stride + (a >>> 6)] |= 1L << a;
    }

    /** One concept as read from the ontology graph. */
    record Row(String iri, String scheme, String notation, String label, boolean grouping) {}

    static Concepts of(List<Row> rows, Map<String, Set<String>> ancestors) {
        return new Concepts(new ArrayList<>(rows), ancestors);
    }

    /** How many concepts (their indexes are 0 to size - 1). */
    public int size() {
        return iris.length;
    }

    /** Index of the concept with that IRI, or -1. */
    public int index(String iri) {
        Integer i = byIri.get(iri);
        return i == null ? -1 : i;
    }

    /** Index of the concept of {@code scheme} whose skos:notation is {@code notation}, or -1. */
    public int index(String scheme, String notation) {
        Integer i = byScheme.getOrDefault(scheme, Map.of()).get(notation);
        return i == null ? -1 : i;
    }

    /** Whether concept {@code c} is concept {@code a} or narrower than it. */
    public boolean within(int c, int a) {
        return (selfAndAncestors[c * stride + (a >>> 6)] & 1L << a) != 0;
    }

    public String iri(int i) { return iris[i]; }
    public String notation(int i) { return notations[i]; }
    public String label(int i) { return labels[i]; }
    public String scheme(int i) { return schemes[i]; }
    public boolean isGrouping(int i) { return grouping[i]; }

    /** The notations a case may carry for a scheme: its concepts, grouping concepts excluded, in notation order. */
    public List<String> caseValues(String scheme) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : byScheme.getOrDefault(scheme, Map.of()).entrySet()) {
            if (!grouping[e.getValue()]) out.add(e.getKey());
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** The notation of a concept IRI, or its last path segment when the ontology does not know it. */
    public String notationOf(String iri) {
        if (iri == null) return null;
        int i = index(iri);
        return i >= 0 ? notations[i] : iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
    }

    /** The label of a concept IRI, or its notation. */
    public String labelOf(String iri) {
        int i = iri == null ? -1 : index(iri);
        return i >= 0 && labels[i] != null ? labels[i] : notationOf(iri);
    }
}
