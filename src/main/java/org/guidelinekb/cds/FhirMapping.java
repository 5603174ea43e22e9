package org.guidelinekb.cds;

import org.guidelinekb.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The declarative FHIR → case-attribute mapping ({@code src/main/resources/cds/fhir-mapping.json}), read once at
 * start-up. A file that names an unknown code set, code system or resource type stops start-up with the place of the
 * mistake: the mapping is data, and broken data must not silently map nothing.
 *
 * @param filters    per FHIR resource type, the element values that make a resource evidence (e.g. Condition
 *                   clinicalStatus active); {@code mayBeAbsent} lists the elements whose absence is accepted
 * @param assessment the project's own code system for explicit clinician assessments
 * @param scope      the code set that puts a patient in scope (breast cancer)
 * @param orders     order-select: code set → action notation
 */
public record FhirMapping(Map<String, CodeSet> codeSets, Map<String, ResourceFilter> filters, Assessment assessment,
                          CodeSet scope, List<AttributeRule> attributes, List<OrderAction> orders) {

    public static final String RESOURCE = "cds/fhir-mapping.json";
    static final Set<String> RESOURCE_TYPES = Set.of("Condition", "Observation", "Procedure", "MedicationRequest", "Patient");

    /** Element values that make a resource of one type count as evidence. */
    public record ResourceFilter(Map<String, Set<String>> allowed, Set<String> mayBeAbsent) {
        public boolean accepts(String element, String value) {
            Set<String> ok = allowed.get(element);
            if (ok == null) return true;
            return value == null ? mayBeAbsent.contains(element) : ok.contains(value);
        }
    }

    /** Explicit assessments: Observation.code = {system}|{attribute}; concept values in {valueSystemPrefix}{scheme}. */
    public record Assessment(String system, String valueSystemPrefix, String noneSystem, String noneCode) {}

    /** An ordered procedure's codes and the action (code:action/ notation) it is. */
    public record OrderAction(CodeSet codes, String action) {}

    public FhirMapping {
        codeSets = Map.copyOf(codeSets);
        filters = Map.copyOf(filters);
        attributes = List.copyOf(attributes);
        orders = List.copyOf(orders);
    }

    public AttributeRule rule(String attribute) {
        return attributes.stream().filter(r -> r.attribute().equals(attribute)).findFirst().orElse(null);
    }

    /** Reads the bundled mapping file. */
    public static FhirMapping load() {
        try (InputStream in = FhirMapping.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the class path");
            return parse(org.guidelinekb.util.Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses a mapping document; an inconsistency is an IllegalStateException naming where it is. */
    public static FhirMapping parse(JsonNode doc) {
        Map<String, String> systems = new LinkedHashMap<>();
        doc.path("systems").properties().forEach(e -> systems.put(e.getKey(), e.getValue().asText()));
        Map<String, CodeSet> sets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.path("codeSets").properties()) sets.put(e.getKey(), codeSet(e.getKey(), e.getValue(), systems));
        Map<String, ResourceFilter> filters = new LinkedHashMap<>();
        doc.path("filters").properties().forEach(e -> filters.put(e.getKey(), filter(e.getValue())));
        JsonNode a = doc.path("assessment");
        Assessment assessment = new Assessment(required(a, "system", "assessment"), required(a, "valueSystemPrefix", "assessment"),
                required(a.path("noneCode"), "system", "assessment.noneCode"), required(a.path("noneCode"), "code", "assessment.noneCode"));
        CodeSet scope = set(sets, required(doc.path("scope"), "codes", "scope"), "scope");
        List<AttributeRule> rules = new ArrayList<>();
        for (JsonNode r : doc.path("attributes")) {
            String attr = required(r, "attribute", "attributes[]");
            List<Evidence> evidence = new ArrayList<>();
            for (JsonNode ev : r.path("evidence")) evidence.add(evidence(ev, sets, "attributes[" + attr + "]"));
            String absent = r.path("whenAbsent").asText("unknown");
            if (!absent.equals("unknown") && !absent.equals("false")) {
                throw new IllegalStateException(RESOURCE + ": attributes[" + attr + "].whenAbsent must be 'unknown' or 'false', not '" + absent + "'");
            }
            rules.add(new AttributeRule(attr, evidence, absent, r.path("note").asText(null)));
        }
        List<OrderAction> orders = new ArrayList<>();
        for (JsonNode o : doc.path("orders").path("actions")) {
            orders.add(new OrderAction(set(sets, required(o, "codes", "orders.actions[]"), "orders"), required(o, "action", "orders.actions[]")));
        }
        return new FhirMapping(sets, filters, assessment, scope, rules, orders);
    }

    private static CodeSet codeSet(String name, JsonNode n, Map<String, String> systems) {
        List<CodeSet.Code> codes = new ArrayList<>();
        for (JsonNode c : n.path("codes")) {
            String where = "codeSets." + name;
            String sys = systems.get(required(c, "system", where));
            if (sys == null) {
                throw new IllegalStateException(RESOURCE + ": " + where + ": unknown system '" + c.path("system").asText() + "'; declare it under 'systems'");
            }
            boolean unverified = c.path("unverified").asBoolean(false);
            String checked = c.path("checked").asText(null);
            if (!unverified && (checked == null || checked.isBlank())) {
                throw new IllegalStateException(RESOURCE + ": " + where + ": code " + c.path("code").asText()
                        + " has neither 'checked' (where it was verified) nor 'unverified': true");
            }
            String match = c.path("match").asText("exact");
            if (!match.equals("exact") && !match.equals("prefix")) throw new IllegalStateException(RESOURCE + ": " + where + ": match must be exact or prefix");
            codes.add(new CodeSet.Code(sys, required(c, "code", where), match.equals("prefix"), c.path("display").asText(null), checked, unverified));
        }
        return new CodeSet(name, n.path("description").asText(null), codes);
    }

    private static ResourceFilter filter(JsonNode n) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        Set<String> absent = new LinkedHashSet<>();
        n.properties().forEach(e -> {
            if (e.getValue().isArray()) {
                Set<String> vs = new LinkedHashSet<>();
                e.getValue().forEach(v -> vs.add(v.asText()));
                allowed.put(e.getKey(), Set.copyOf(vs));
            } else if (e.getKey().endsWith("MayBeAbsent") && e.getValue().asBoolean()) {
                absent.add(e.getKey().substring(0, e.getKey().length() - "MayBeAbsent".length()));
            }
        });
        return new ResourceFilter(Map.copyOf(allowed), Set.copyOf(absent));
    }

    private static Evidence evidence(JsonNode ev, Map<String, CodeSet> sets, String where) {
        String resource = required(ev, "resource", where);
        if (!RESOURCE_TYPES.contains(resource)) throw new IllegalStateException(RESOURCE + ": " + where + ": unsupported resource " + resource);
        boolean birthDate = ev.path("birthDate").asBoolean(false);
        CodeSet codes = ev.has("codes") ? set(sets, ev.path("codes").asText(), where) : null;
        if (codes == null && !birthDate) throw new IllegalStateException(RESOURCE + ": " + where + ": evidence needs 'codes'");
        CodeSet requires = ev.has("requires") ? set(sets, ev.path("requires").asText(), where) : null;
        List<Evidence.ValueCode> map = new ArrayList<>();
        for (JsonNode vm : ev.path("valueMap")) map.add(new Evidence.ValueCode(set(sets, required(vm, "codes", where), where), vm.get("value")));
        JsonNode value = ev.get("value");
        if (value == null && map.isEmpty() && !birthDate && !ev.path("valueInteger").asBoolean(false)) {
            throw new IllegalStateException(RESOURCE + ": " + where + ": evidence gives no value (value, valueMap, valueInteger or birthDate)");
        }
        return new Evidence(resource, codes, requires, value, ev.path("latest").asBoolean(false), map,
                ev.path("valueInteger").asBoolean(false), birthDate);
    }

    private static CodeSet set(Map<String, CodeSet> sets, String name, String where) {
        CodeSet s = sets.get(name);
        if (s == null) throw new IllegalStateException(RESOURCE + ": " + where + ": unknown code set '" + name + "'");
        return s;
    }

    private static String required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IllegalStateException(RESOURCE + ": " + where + ": '" + field + "' is required");
        return v.asText();
    }
}
