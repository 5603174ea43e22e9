package org.guidelinekb.versioning;

import static org.guidelinekb.versioning.VersioningTestLib.AUTH;
import static org.guidelinekb.versioning.VersioningTestLib.FIXTURES;
import static org.guidelinekb.versioning.VersioningTestLib.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.guidelinekb.vocab.GKB;
import org.guidelinekb.vocab.PROV;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The version API on a real server: the shipped NCCN versions, version selection by label and date, the comparison
 * in its three renderings, the draft lifecycle with provenance, and statement history. Tests that write use their own
 * guideline id (the fixtures' test-gl renamed), so they do not disturb each other.
 */
class TestVersionApi {
    private static TestServer server;
    private static Http http;

    @BeforeAll static void start() {
        server = TestServer.start(VersioningTestLib.withToken());
        http = server.http();
    }

    @AfterAll static void stop() {
        if (server != null) server.close();
    }

    /** A fixture version as a draft body for guideline {@code g}. */
    static String body(String scenario, String side, String g) {
        return draft(FIXTURES.resolve(scenario).resolve(side + ".ttl")).replace("test-gl", g);
    }

    static HttpResponse<String> post(String path, String body) {
        return http.post(path, "text/turtle", body, AUTH);
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static JsonNode guideline(JsonNode list, String id) {
        for (JsonNode g : list) if (g.get("id").asText().equals(id)) return g;
        throw new AssertionError("no guideline " + id + " in " + list);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test void the_guideline_list_shows_nccn_breast_with_2015_and_6_2026() {
        JsonNode nccn = guideline(ok(http.get("/api/guidelines")), "nccn-breast");
        assertEquals(List.of("2015", "6.2026"), texts(nccn.get("versions"), "version"));
        assertEquals(List.of("retired", "active"), texts(nccn.get("versions"), "status"));
        assertEquals("6.2026", nccn.get("current").asText());
        assertEquals("nccn-breast", ok(http.get("/api/guidelines/nccn-breast")).get("id").asText());
        assertEquals(404, http.get("/api/guidelines/no-such-guideline").statusCode());
    }

    @Test void a_version_lists_its_statements_with_action_modality_category_criteria_evidence_and_source() {
        JsonNode v = ok(http.get("/api/guidelines/nccn-breast/versions/2015"));
        assertEquals("retired", v.get("status").asText());
        JsonNode st = null;
        for (JsonNode s : v.get("statements")) if (s.get("recommendation").asText().endsWith("/systemic-therapy-primary")) st = s;
        assertTrue(st != null, v.toString());
        assertEquals("systemic-therapy", st.get("action").asText());
        assertEquals("recommend", st.get("modality").asText());
        assertEquals("2A", st.get("category").asText());
        assertEquals("default", st.get("categoryBasis").asText());
        assertEquals("root", st.at("/criteria/key").asText());
        assertEquals("AllOf", st.at("/criteria/kind").asText());
        assertEquals(Set.of("metastatic is true", "primaryTumorIntact is true"),
                new HashSet<>(texts(st.at("/criteria/operands"), "description")));
        assertTrue(strings(st.get("evidence")).contains(GKB.ID + "study/badwe-2015"), st.toString());
        assertEquals(GKB.ID + "source/seed-deck", st.at("/source/document").asText());
        assertTrue(st.at("/source/locator").asText().startsWith("slide"), st.toString());
        assertTrue(st.get("quote").asText().startsWith("The primary treatment approach"), st.toString());

        HttpResponse<String> missing = http.get("/api/guidelines/nccn-breast/versions/1999");
        assertEquals(404, missing.statusCode());
        assertTrue(Http.contentType(missing).startsWith("application/problem+json"));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test void comparing_nccn_2015_with_6_2026_reports_statements_outside_the_other_coverage_as_not_covered_never_removed() {
        JsonNode d = ok(http.get("/api/guidelines/nccn-breast/compare?from=2015&to=6.2026"));
        assertEquals("2015", d.get("from").asText());
        assertEquals("6.2026", d.get("to").asText());
        // what the content encodes: 2015 covers only the intact-primary section quoted in the deck, 6.2026 only pages
        // BINV-18 and BINV-21; no section is covered by both, so nothing can be added, removed or compared
        List<String> recs2015 = texts(ok(http.get("/api/guidelines/nccn-breast/versions/2015")).get("statements"), "recommendation");
        List<String> recs2026 = texts(ok(http.get("/api/guidelines/nccn-breast/versions/6.2026")).get("statements"), "recommendation");
        assertEquals(4, recs2015.size());
        assertFalse(recs2026.isEmpty());
        assertEquals(0, d.get("removed").size(), d.toString());
        assertEquals(0, d.get("added").size(), d.toString());
        assertEquals(0, d.get("modified").size(), d.toString());
        assertEquals(0, d.get("unchanged").asInt());
        List<String> from2015 = new ArrayList<>();
        List<String> from2026 = new ArrayList<>();
        for (JsonNode n : d.get("notCovered")) {
            (n.get("presentIn").asText().equals("2015") ? from2015 : from2026).add(n.get("recommendation").asText());
            assertEquals(n.get("presentIn").asText().equals("2015") ? "6.2026" : "2015", n.get("absentFrom").asText());
            assertTrue(n.get("note").asText().contains("does not cover section"), n.toString());
        }
        assertEquals(recs2015, from2015);
        assertEquals(recs2026, from2026);

        // the same pair chosen by dates
        JsonNode byDate = ok(http.get("/api/guidelines/nccn-breast/compare?fromAsOf=2015-06-01&toAsOf=2026-08-01"));
        assertEquals(d, byDate);
        // "to" defaults to the current version
        assertEquals("6.2026", ok(http.get("/api/guidelines/nccn-breast/compare?from=2015")).get("to").asText());
    }

    @Test void the_comparison_is_also_markdown_and_rdf_patch_by_accept_and_406_otherwise() {
        String path = "/api/guidelines/nccn-breast/compare?from=2015&to=6.2026";
        HttpResponse<String> md = http.get(path, "Accept", "text/markdown");
        assertEquals(200, md.statusCode());
        assertTrue(Http.contentType(md).startsWith("text/markdown"), Http.contentType(md));
        assertTrue(md.body().startsWith("# nccn-breast: changes from version 2015 to version 6.2026"), md.body());
        assertTrue(md.body().contains("## Not covered by one of the versions"), md.body());

        HttpResponse<String> patch = http.get(path, "Accept", "application/rdf-patch");
        assertEquals(200, patch.statusCode());
        assertTrue(Http.contentType(patch).startsWith("application/rdf-patch"), Http.contentType(patch));
        var parsed = RDFPatchOps.read(new ByteArrayInputStream(patch.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals(GKB.version("nccn-breast", "2015"), parsed.header().get("from"));
        assertTrue(patch.body().lines().anyMatch(l -> l.startsWith("D ")) && patch.body().lines().anyMatch(l -> l.startsWith("A ")));

        assertEquals(200, http.get(path, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8").statusCode(), "browsers get JSON");
        HttpResponse<String> html = http.get(path, "Accept", "text/html");
        assertEquals(406, html.statusCode());
        assertTrue(Http.contentType(html).startsWith("application/problem+json"));
        assertEquals(400, http.get("/api/guidelines/nccn-breast/compare?to=6.2026").statusCode(), "from is required");
        assertEquals(404, http.get("/api/guidelines/nccn-breast/compare?from=1999").statusCode());
    }

    @Test void as_of_chooses_the_version_in_effect_on_the_day_before_of_and_after_an_effective_date() {
        JsonNode versions = ok(http.get("/api/guidelines/nccn-breast")).get("versions");
        LocalDate effective = LocalDate.parse(versions.get(1).get("effectiveFrom").asText());
        LocalDate first = LocalDate.parse(versions.get(0).get("effectiveFrom").asText());
        assertEquals("2015", asOf(effective.minusDays(1)));
        assertEquals("6.2026", asOf(effective));
        assertEquals("6.2026", asOf(effective.plusDays(1)));
        assertEquals("2015", asOf(first));
        assertEquals(404, http.get("/api/guidelines/nccn-breast/version?asOf=" + first.minusDays(1)).statusCode());
        assertEquals("6.2026", ok(http.get("/api/guidelines/nccn-breast/version")).get("version").asText(), "no selector: current");
        assertEquals("2015", ok(http.get("/api/guidelines/nccn-breast/version?version=2015")).get("version").asText());
        assertEquals(400, http.get("/api/guidelines/nccn-breast/version?asOf=29-07-2026").statusCode());
        assertEquals(400, http.get("/api/guidelines/nccn-breast/version?asOf=2026-07-29&version=2015").statusCode());
    }

    private static String asOf(LocalDate d) {
        JsonNode v = ok(http.get("/api/guidelines/nccn-breast/version?asOf=" + d));
        assertEquals("as of " + d, v.get("selectedBy").asText());
        return v.get("version").asText();
    }

    @Test void a_draft_is_created_replaced_published_and_retired_and_each_write_is_recorded_in_prov() {
        String g = "lifecycle-gl";
        HttpResponse<String> created = post("/api/guidelines/" + g + "/versions", body("text-changed", "from", g));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertEquals("/api/guidelines/" + g + "/versions/1", location);
        assertEquals("draft", Http.json(created).get("status").asText());
        assertEquals("draft", ok(http.get(location)).get("status").asText());
        assertEquals(409, post("/api/guidelines/" + g + "/versions", body("text-changed", "from", g)).statusCode(), "exists");

        String changed = body("text-changed", "from", g).replace("when it causes symptoms.", "when it causes symptoms (edited).");
        assertEquals(200, http.method("PUT", location, "text/turtle", changed, AUTH).statusCode());
        assertTrue(ok(http.get(location)).toString().contains("(edited)"));
        assertEquals(400, http.method("PUT", location, "text/turtle", body("text-changed", "to", g), AUTH).statusCode(),
                "the body holds version 2, the URL names 1");

        JsonNode p1 = ok(http.post(location + "/publish", "text/plain", "", AUTH));
        assertEquals("active", p1.get("status").asText());
        assertEquals(201, post("/api/guidelines/" + g + "/versions", body("text-changed", "to", g)).statusCode());
        JsonNode p2 = ok(http.post("/api/guidelines/" + g + "/versions/2/publish", "text/plain", "", AUTH));
        assertEquals("active", p2.get("status").asText());
        assertEquals(List.of("1"), strings(p2.get("retired")), "publishing retires the previously active version");
        JsonNode gl = ok(http.get("/api/guidelines/" + g));
        assertEquals(List.of("retired", "active"), texts(gl.get("versions"), "status"));
        assertEquals("2", gl.get("current").asText());

        JsonNode r = ok(http.post("/api/guidelines/" + g + "/versions/2/retire", "text/plain", "", AUTH));
        assertEquals("retired", r.get("status").asText());
        assertTrue(ok(http.get("/api/guidelines/" + g)).get("current").isNull());

        // PROV: who (the token's label), when, and the SHA-256 of what was written
        Graph prov = provenance();
        Node publish = activity(prov, "publish " + g + " 2");
        assertTrue(prov.contains(publish, PROV.wasAssociatedWith, GKB.iri(GKB.ID + "agent/admin")));
        assertTrue(prov.find(publish, PROV.startedAtTime, Node.ANY).hasNext());
        Node input = prov.find(publish, PROV.used, Node.ANY).next().getObject();
        assertTrue(prov.find(input, GKB.sha256, Node.ANY).next().getObject().getLiteralLexicalForm().matches("[0-9a-f]{64}"));
        Node create = activity(prov, "create draft " + g + " 1");
        Node createInput = prov.find(create, PROV.used, Node.ANY).next().getObject();
        assertEquals(sha256(body("text-changed", "from", g)),
                prov.find(createInput, GKB.sha256, Node.ANY).next().getObject().getLiteralLexicalForm(), "the SHA-256 of the request body");
        activity(prov, "replace draft " + g + " 1");
        activity(prov, "retire " + g + " 2");
    }

    @Test void a_draft_with_an_iri_that_rfc_3987_does_not_allow_is_refused_and_nothing_is_written() {
        String g = "bad-iri-gl";
        String valid = body("added", "from", g);
        assertTrue(valid.contains("gkb:quote"), "the fixture has a quote");
        // '"' inside an IRI: Jena's Turtle parser only warns; no SPARQL store would take it (found by the remote hardening run)
        String bad = valid.replaceFirst("gkb:quote", "<https://w3id.org/gkb/ontolo\"gy#quote>");
        HttpResponse<String> r = post("/api/guidelines/" + g + "/versions", bad);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
        assertTrue(r.body().contains("not a valid IRI"), r.body());
        assertEquals(404, http.get("/api/guidelines/" + g + "/versions/1").statusCode(), "nothing written");
        HttpResponse<String> badBase = post("/api/guidelines/" + g + "/versions", "@base <{https://w3id.org/gkb/id/> .\n" + valid);
        assertEquals(400, badBase.statusCode(), "a bad @base is the client's error, not the server's: " + badBase.body());
    }

    @Test void deleting_a_draft_removes_it_and_records_the_deletion() {
        String g = "delete-gl";
        assertEquals(201, post("/api/guidelines/" + g + "/versions", body("added", "from", g)).statusCode());
        JsonNode d = ok(http.method("DELETE", "/api/guidelines/" + g + "/versions/1", null, null, AUTH));
        assertEquals("deleted", d.get("status").asText());
        assertEquals(404, http.get("/api/guidelines/" + g + "/versions/1").statusCode());
        assertEquals(404, http.method("DELETE", "/api/guidelines/" + g + "/versions/1", null, null, AUTH).statusCode());
        Node act = activity(provenance(), "delete draft " + g + " 1");
        assertTrue(provenance().contains(act, GKB.iri(PROV.NS + "invalidated"), GKB.version(g, "1")));
        boolean stillThere = server.app().kb().store().read(r -> r.containsGraph(GKB.version(g, "1")));
        assertFalse(stillThere, "the version graph is gone");
    }

    @Test void publishing_a_version_older_than_the_active_one_enters_the_history_as_retired() {
        String g = "older-gl";
        assertEquals(201, post("/api/guidelines/" + g + "/versions", body("added", "to", g)).statusCode());
        assertEquals("active", ok(http.post("/api/guidelines/" + g + "/versions/2/publish", "text/plain", "", AUTH)).get("status").asText());
        assertEquals(201, post("/api/guidelines/" + g + "/versions", body("added", "from", g)).statusCode());
        JsonNode p = ok(http.post("/api/guidelines/" + g + "/versions/1/publish", "text/plain", "", AUTH));
        assertEquals("retired", p.get("status").asText());
        assertEquals(0, p.get("retired").size());
        assertEquals("2", ok(http.get("/api/guidelines/" + g)).get("current").asText());
        assertEquals("1", ok(http.get("/api/guidelines/" + g + "/version?asOf=2021-06-14")).get("version").asText());
    }

    @Test void history_names_for_each_field_the_version_that_introduced_its_value() {
        String g = "history-gl";
        for (String side : List.of("from", "to")) {
            assertEquals(201, post("/api/guidelines/" + g + "/versions", body("text-changed", side, g)).statusCode());
            String v = side.equals("from") ? "1" : "2";
            assertEquals(200, http.post("/api/guidelines/" + g + "/versions/" + v + "/publish", "text/plain", "", AUTH).statusCode());
        }
        JsonNode h = ok(http.get("/api/recommendations/" + g + "/surgery-symptomatic/history"));
        assertEquals(GKB.ID + "guideline/" + g + "/recommendation/surgery-symptomatic", h.get("recommendation").asText());
        assertEquals(List.of("1", "2"), texts(h.get("versions"), "version"));
        JsonNode latest = h.get("versions").get(1);
        assertEquals("2", since(latest, "quote"));
        assertEquals("2", since(latest, "summary"));
        assertEquals("1", since(latest, "action"));
        assertEquals("1", since(latest, "category"));
        assertEquals("1", since(latest, "criterion:symptoms"));
        assertEquals("1", since(latest, "evidence"));
        assertTrue(latest.at("/statement/summary").asText().contains("impending complications"));
        assertEquals(404, http.get("/api/recommendations/" + g + "/no-such-recommendation/history").statusCode());

        // shipped content: the 2015 statement is not covered by 6.2026, which does not interrupt its history
        JsonNode shipped = ok(http.get("/api/recommendations/nccn-breast/systemic-therapy-primary/history"));
        assertEquals(List.of("2015"), texts(shipped.get("versions"), "version"));
        assertEquals("not-covered", shipped.get("absentFrom").get(0).get("reason").asText());
    }

    private static String since(JsonNode appearance, String field) {
        for (JsonNode f : appearance.get("fields")) if (f.get("field").asText().equals(field)) return f.get("since").asText();
        throw new AssertionError("no field " + field + " in " + appearance.get("fields"));
    }

    @Test void trig_and_json_ld_bodies_are_accepted_other_types_get_415() {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body("added", "from", "trig-gl"), Lang.TURTLE).parse(g);
        StringWriter trig = new StringWriter();
        RDFDataMgr.write(trig, org.apache.jena.sparql.core.DatasetGraphFactory.wrap(g), Lang.TRIG);
        assertEquals(201, http.post("/api/guidelines/trig-gl/versions", "application/trig", trig.toString(), AUTH).statusCode());

        Graph j = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body("added", "from", "jsonld-gl"), Lang.TURTLE).parse(j);
        StringWriter jsonld = new StringWriter();
        RDFDataMgr.write(jsonld, j, Lang.JSONLD);
        HttpResponse<String> r = http.post("/api/guidelines/jsonld-gl/versions", "application/ld+json", jsonld.toString(), AUTH);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(2, ok(http.get("/api/guidelines/jsonld-gl/versions/1")).get("statements").size());

        assertEquals(415, http.post("/api/guidelines/x-gl/versions", "text/plain", "hello", AUTH).statusCode());
    }

    /** The SPARQL patterns documented in sparql/README.md ("Selecting a version") run as written and give the stated answer. */
    @Test void the_documented_sparql_version_patterns_give_their_stated_answers() {
        String readme = VersioningTestLib.read(java.nio.file.Path.of("sparql/README.md"));
        int start = readme.indexOf("## Selecting a version: current and as-of");
        assertTrue(start >= 0, "section missing");
        int end = readme.indexOf("\n## ", start + 5);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        var m = java.util.regex.Pattern.compile("```sparql\n(.*?)```\\s*Answer: `([^`]+)`", java.util.regex.Pattern.DOTALL).matcher(section);
        int examples = 0;
        while (m.find()) {
            examples++;
            HttpResponse<String> r = http.get("/kb/sparql?query=" + Http.enc(m.group(1)), "Accept", "application/sparql-results+json");
            assertEquals(200, r.statusCode(), r.body());
            Set<String> versions = new HashSet<>();
            Http.json(r).at("/results/bindings").forEach(b -> versions.add(b.at("/version/value").asText()));
            assertEquals(Set.of(m.group(2)), versions, m.group(1));
        }
        assertEquals(3, examples, "by label, current, as of");
    }

    private static Graph provenance() {
        HttpResponse<String> r = http.get("/kb/get?graph=" + Http.enc(GKB.provenanceGraph.getURI()), "Accept", "application/n-triples");
        assertEquals(200, r.statusCode(), r.body());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.NTRIPLES).parse(g);
        return g;
    }

    /** The PROV activity whose label starts with {@code label}. */
    private static Node activity(Graph prov, String label) {
        return prov.find(Node.ANY, RDFS.label.asNode(), Node.ANY).toList().stream()
                .filter(t -> t.getObject().isLiteral() && t.getObject().getLiteralLexicalForm().startsWith(label))
                .map(t -> t.getSubject()).findFirst()
                .orElseThrow(() -> new AssertionError("no PROV activity labelled '" + label + "...'"));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
