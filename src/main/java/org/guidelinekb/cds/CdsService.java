package org.guidelinekb.cds;

import java.util.Map;

/**
 * One CDS Hooks service as discovery lists it, plus how it chooses guideline versions.
 *
 * @param versions   default version choice: {@code active} or {@code active-or-uncovered} (docs/cds-hooks.md)
 * @param population the case attribute and value a patient must have for the order check to apply (order-select), or null
 */
public record CdsService(String id, String hook, String title, String description, Map<String, String> prefetch,
                         String versions, Population population) {

    /** A patient is in the service's population when {@code attribute} is known and equals {@code equals}. */
    public record Population(String attribute, boolean equals) {}

    public CdsService {
        prefetch = Map.copyOf(new java.util.LinkedHashMap<>(prefetch));
    }

    public boolean orderSelect() {
        return hook.equals("order-select");
    }

    /** The prefetch key whose template reads a resource type ({@code Condition?patient=...} → Condition), or null. */
    public String keyFor(String resourceType) {
        for (Map.Entry<String, String> e : prefetch.entrySet()) {
            if (resourceTypeOf(e.getValue()).equals(resourceType)) return e.getKey();
        }
        return null;
    }

    static String resourceTypeOf(String template) {
        int end = template.length();
        for (char c : new char[] {'/', '?'}) {
            int i = template.indexOf(c);
            if (i >= 0 && i < end) end = i;
        }
        return template.substring(0, end);
    }
}
