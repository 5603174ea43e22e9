package org.guidelinekb.cds;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guidelinekb.reasoner.CaseAttribute;
import org.guidelinekb.reasoner.CaseAttributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The case attributes read from FHIR. {@code values} are known values (an explicit assessment makes a list complete);
 * {@code openLists} are lists known to contain at least the values found (coded conditions need not code every
 * site); every other attribute is unknown. {@code notes} say, per attribute, where its value came from or why it is
 * unknown. {@code inScope} is null when it cannot be told (no Condition data).
 */
public record MappedCase(Map<String, JsonNode> values, Map<String, List<String>> openLists, Map<String, String> notes,
                         Boolean inScope, String scopeNote) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public MappedCase {
        values = Map.copyOf(values);
        openLists = Map.copyOf(openLists);
        notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /** The case with each open list taken as exactly the values found. */
    public ObjectNode closedCase() {
        ObjectNode o = known();
        openLists.forEach((k, v) -> o.set(k, array(v)));
        return o;
    }

    /** The case with each open list extended by every value it could still hold. */
    public ObjectNode widestCase(CaseAttributes attributes) {
        ObjectNode o = known();
        openLists.forEach((k, v) -> {
            CaseAttribute a = attributes.byName(k);
            Set<String> all = new LinkedHashSet<>(v);
            if (a != null) all.addAll(a.values());
            o.set(k, array(List.copyOf(all)));
        });
        return o;
    }

    /** The case with the open lists left unknown. */
    public ObjectNode withoutOpenLists() {
        return known();
    }

    public boolean hasOpenLists() {
        return !openLists.isEmpty();
    }

    /** Every attribute read from FHIR as JSON: known values, open lists as {"atLeast": [...]}, notes. */
    public ObjectNode describe() {
        ObjectNode o = F.objectNode();
        ObjectNode vals = o.putObject("values");
        values.forEach(vals::set);
        ObjectNode open = o.putObject("openLists");
        openLists.forEach((k, v) -> open.set(k, array(v)));
        ObjectNode ns = o.putObject("notes");
        notes.forEach(ns::put);
        if (inScope == null) o.putNull("inScope");
        else o.put("inScope", inScope);
        o.put("scopeNote", scopeNote);
        return o;
    }

    private ObjectNode known() {
        ObjectNode o = F.objectNode();
        values.forEach(o::set);
        return o;
    }

    private static ArrayNode array(List<String> v) {
        ArrayNode a = F.arrayNode();
        v.forEach(a::add);
        return a;
    }
}
