package org.guidelinekb.reasoner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** GET /api/case-attributes serves the catalogue read from the ontology, and docs/evaluating.md documents the same list. */
class CaseAttributesTest {

    @Test
    void case_attributes_are_served_from_the_ontology_and_match_the_documented_table() throws IOException {
        try (TestServer server = ReasonerTestLib.shippedServer()) {
            HttpResponse<String> r = server.http().get("/api/case-attributes");
            assertEquals(200, r.statusCode());
            assertTrue(Http.contentType(r).startsWith("application/json"));
            Map<String, JsonNode> served = new LinkedHashMap<>();
            Http.json(r).forEach(a -> served.put(a.get("name").asText(), a));

            // the attribute table, exactly
            assertAttribute(served, "metastatic", "boolean", null);
            assertAttribute(served, "presentation", "concept", List.of("de-novo", "recurrent"));
            assertAttribute(served, "primaryTumorIntact", "boolean", null);
            assertAttribute(served, "primarySymptoms", "concept-list", List.of("bleeding", "fungation", "infection", "pain", "skin-ulceration"));
            assertAttribute(served, "impendingLocalComplications", "boolean", null);
            assertAttribute(served, "initialSystemicTherapyReceived", "boolean", null);
            assertAttribute(served, "responseToSystemicTherapy", "concept", List.of("no-evidence-of-disease", "progression", "response", "stable"));
            assertAttribute(served, "completeLocalClearanceFeasible", "boolean", null);
            assertAttribute(served, "lifeThreateningMetastaticDisease", "boolean", null);
            assertAttribute(served, "oligometastatic", "boolean", null);
            assertAttribute(served, "metastaticSites", "concept-list",
                    List.of("bone", "brain", "distant-lymph-nodes", "liver", "lung", "other", "pleura", "skin"));
            for (String receptor : List.of("erStatus", "prStatus", "her2Status")) assertAttribute(served, receptor, "concept", List.of("negative", "positive"));
            assertAttribute(served, "menopausalStatus", "concept", List.of("post", "pre"));
            assertAttribute(served, "age", "integer", null);
            assertEquals(0, served.get("age").get("min").asInt());
            assertEquals(130, served.get("age").get("max").asInt());
            assertEquals(4, served.get("ecog").get("max").asInt());
            assertTrue(served.get("boneOnlyMetastases").get("derived").asBoolean());
            assertEquals("metastaticSites", served.get("boneOnlyMetastases").get("derivedFrom").asText());

            // docs/evaluating.md's table lists the same attributes, types and values, in the same order
            List<String[]> documented = documentedTable();
            assertEquals(new ArrayList<>(served.keySet()), documented.stream().map(row -> row[0]).toList(), "documented attribute names");
            for (String[] row : documented) {
                JsonNode a = served.get(row[0]);
                assertEquals(a.get("derived").asBoolean() ? "derived" : a.get("type").asText(), row[1], row[0]);
                if (a.has("values")) {
                    List<String> values = new ArrayList<>();
                    a.get("values").forEach(v -> values.add("`" + v.asText() + "`"));
                    assertEquals(String.join(", ", values), row[2], row[0]);
                }
                if (a.has("min")) assertEquals(a.get("min").asInt() + "–" + a.get("max").asInt(), row[2], row[0]);
            }
        }
    }

    @Test
    void the_broader_closure_equals_skos_broader_plus_over_the_bundled_ontology_and_survives_cycles() throws IOException {
        org.apache.jena.graph.Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        try (var files = Files.list(Path.of("ontology"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ttl")).toList()) org.apache.jena.riot.RDFDataMgr.read(g, f.toString());
        }
        org.apache.jena.graph.Node broader = org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/2004/02/skos/core#broader");
        Map<String, List<String>> links = new java.util.HashMap<>();
        g.find(null, broader, null).forEach(t -> links.computeIfAbsent(t.getSubject().getURI(), k -> new ArrayList<>()).add(t.getObject().getURI()));
        assertTrue(links.size() > 5, "the ontology has a concept hierarchy");
        org.apache.jena.sparql.path.Path plus = org.apache.jena.sparql.path.PathFactory.pathOneOrMore1(org.apache.jena.sparql.path.PathFactory.pathLink(broader));
        for (String c : links.keySet()) {
            java.util.Set<String> expected = new java.util.TreeSet<>();
            org.apache.jena.sparql.path.eval.PathEval.eval(g, org.apache.jena.graph.NodeFactory.createURI(c), plus, org.apache.jena.sparql.util.Context.emptyContext())
                    .forEachRemaining(n -> expected.add(n.getURI()));
            assertEquals(expected, new java.util.TreeSet<>(CaseAttributes.ancestors(c, links)), c);
        }
        Map<String, List<String>> cycle = Map.of("a", List.of("b", "c"), "b", List.of("d"), "c", List.of("d"), "d", List.of("a"));
        assertEquals(java.util.Set.of("a", "b", "c", "d"), CaseAttributes.ancestors("a", cycle));
        assertEquals(java.util.Set.of(), CaseAttributes.ancestors("z", cycle));
    }

    private static void assertAttribute(Map<String, JsonNode> served, String name, String type, List<String> values) {
        JsonNode a = served.get(name);
        assertTrue(a != null, "no attribute " + name + " in " + served.keySet());
        assertEquals(type, a.get("type").asText(), name);
        assertTrue(!a.get("derived").asBoolean(), name);
        if (values != null) {
            List<String> got = new ArrayList<>();
            a.get("values").forEach(v -> got.add(v.asText()));
            assertEquals(values, got, name);
        }
    }

    /** The rows of the attribute table in docs/evaluating.md, section "Case attributes": name, type, values. */
    private static List<String[]> documentedTable() throws IOException {
        String doc = Files.readString(Path.of("docs/evaluating.md"));
        int start = doc.indexOf("## Case attributes");
        assertTrue(start >= 0, "docs/evaluating.md has no section 'Case attributes'");
        Pattern row = Pattern.compile("^\\| `([A-Za-z0-9]+)` \\| ([a-z-]+) \\|([^|]*)\\|", Pattern.MULTILINE);
        Matcher m = row.matcher(doc.substring(start, doc.indexOf("## Request and response", start)));
        List<String[]> out = new ArrayList<>();
        while (m.find()) out.add(new String[] {m.group(1), m.group(2), m.group(3).strip()});
        return out;
    }
}
