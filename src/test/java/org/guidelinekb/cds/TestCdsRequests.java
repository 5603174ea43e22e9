package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Discovery, CORS, malformed requests and the card fields every response must carry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestCdsRequests {
    private TestServer server;

    @BeforeAll void start() {
        server = TestServer.start();
    }

    @AfterAll void stop() {
        server.close();
    }

    private String scenario(String name) {
        return CdsLib.read(CdsLib.DIR.resolve("scenarios/" + name + "/request.json"));
    }

    private HttpResponse<String> call(String service, String body) {
        return server.http().post("/cds-services/" + service, "application/json", body);
    }

    @Test void discovery_lists_a_patient_view_and_an_order_select_service_with_prefetch() {
        JsonNode d = CdsLib.assertDiscovery(server.http().get("/cds-services"));
        boolean patientView = false, orderSelect = false;
        for (JsonNode s : d.path("services")) {
            assertFalse(s.path("description").asText().isBlank());
            for (String key : new String[] {"patient", "conditions", "observations", "procedures", "medications"}) {
                assertTrue(s.path("prefetch").path(key).asText().contains("{{context.patientId}}"), s.toString());
            }
            patientView |= s.path("hook").asText().equals("patient-view") && s.path("id").asText().equals(CdsLib.PATIENT_VIEW);
            orderSelect |= s.path("hook").asText().equals("order-select") && s.path("id").asText().equals(CdsLib.ORDER_SELECT);
        }
        assertTrue(patientView && orderSelect, d.toString());
    }

    @Test void cors_preflight_is_answered_on_the_cds_routes_only() {
        HttpResponse<String> r = server.http().method("OPTIONS", "/cds-services/" + CdsLib.PATIENT_VIEW, null, null,
                "Origin", "https://ehr.example.org", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("https://ehr.example.org", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("authorization"));
        assertEquals("https://ehr.example.org", server.http().get("/cds-services", "Origin", "https://ehr.example.org")
                .headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        // feedback preflight, too
        assertEquals(204, server.http().method("OPTIONS", "/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback", null, null,
                "Origin", "https://ehr.example.org", "Access-Control-Request-Method", "POST").statusCode());
        // not on the rest of the API
        assertTrue(server.http().get("/api/health", "Origin", "https://ehr.example.org").headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test void a_card_carries_guideline_version_statement_evidence_and_the_explanation() {
        JsonNode body = CdsLib.assertCdsResponse(call(CdsLib.PATIENT_VIEW, scenario("2015-symptomatic-resectable")));
        JsonNode card = null;
        for (JsonNode c : body.path("cards")) {
            if (c.at("/extension/org.guidelinekb.statement/statement").asText().endsWith("/statement/palliative-primary-surgery")) card = c;
        }
        assertTrue(card != null, body.toString());
        assertEquals("info", card.path("indicator").asText());
        assertEquals("NCCN Guidelines: Breast Cancer 2015 (retired)", card.at("/source/label").asText());
        assertEquals(server.url("/id/guideline/nccn-breast/version/2015"), card.at("/source/url").asText(), "the source is the guideline version");
        assertEquals(server.url("/id/guideline/nccn-breast/version/2015/statement/palliative-primary-surgery"), card.at("/links/0/url").asText(),
                "the statement is a drill-down link");
        String detail = card.path("detail").asText();
        // the statement's own summary and quote, its category with its basis, and evidence numbers as stored
        assertTrue(detail.contains("After initial systemic therapy, surgery of the intact primary tumour may be considered"), detail);
        assertTrue(detail.contains("Category 2A") && detail.contains("default rule"), detail);
        // issue 20: the first line names the guideline by title and says the version is retired; the "why" is the API's plain sentences
        assertTrue(detail.startsWith("**NCCN Guidelines: Breast Cancer, version 2015 — retired, superseded in this knowledge base by version 6.2026**"), detail);
        JsonNode plain = card.at("/extension/org.guidelinekb.statement/explanation/plain");
        assertTrue(detail.contains(plain.path("headline").asText()), detail);
        assertTrue(plain.path("because").size() >= 6, plain.toString());
        for (JsonNode sentence : plain.path("because")) assertTrue(detail.contains("- " + sentence.asText() + "\n"), sentence + " in:\n" + detail);
        assertTrue(detail.contains("Complete local clearance feasible: yes — needed: yes (met)."), detail);
        assertFalse(detail.contains("completeLocalClearanceFeasible"), detail);
        for (JsonNode c : body.path("cards")) {
            String summary = c.path("summary").asText();
            assertFalse(summary.contains("completeLocalClearanceFeasible") || summary.contains("primaryTumorIntact"), "codes in: " + summary);
        }
        JsonNode ext = card.at("/extension/org.guidelinekb.statement");
        assertEquals("nccn-breast", ext.path("guideline").asText());
        assertEquals("2015", ext.path("version").asText());
        assertEquals("applicable", ext.path("status").asText());
        assertEquals("retired", ext.path("versionStatus").asText());
        assertTrue(ext.at("/explanation/criteria").size() >= 6, ext.toString());
        assertTrue(ext.at("/explanation/reasons").toString().contains("completeLocalClearanceFeasible is true"), ext.toString());
        // links: the statement page and every linked evidence item, absolute
        boolean statementLink = false;
        for (JsonNode l : card.path("links")) {
            assertEquals("absolute", l.path("type").asText());
            assertTrue(l.path("url").asText().startsWith(server.url("/id/")), l.toString());
            statementLink |= l.path("url").asText().endsWith("/statement/palliative-primary-surgery");
        }
        assertTrue(statementLink, card.path("links").toString());
        assertEquals(1 + ext.at("/explanation/evidence").size(), card.path("links").size(), card.path("links").toString());
        for (JsonNode e : ext.at("/explanation/evidence")) {
            if (!e.path("finding").isNull() && !e.path("finding").asText().isEmpty()) assertTrue(detail.contains(e.path("finding").asText()), detail);
        }
    }

    @Test void evidence_numbers_in_the_detail_are_those_of_the_knowledge_base() {
        // the 2015 systemic-therapy statement cites the Badwe 2015 study: its primary-endpoint comparison is shown with
        // the numbers the knowledge base stores (read here through the public SPARQL endpoint)
        JsonNode rows = Http.json(server.http().postForm("/kb/sparql", java.util.Map.of("query",
                CdsLib.read(CdsLib.DIR.resolve("study-primary-findings.rq"))), "Accept", "application/sparql-results+json")).at("/results/bindings");
        assertTrue(rows.size() >= 1, rows.toString());
        JsonNode body = CdsLib.assertCdsResponse(call(CdsLib.PATIENT_VIEW, scenario("2015-asymptomatic")));
        String detail = body.at("/cards/0/detail").asText();
        assertTrue(body.at("/cards/0/extension/org.guidelinekb.statement/statement").asText().endsWith("/systemic-therapy-primary"));
        for (JsonNode row : rows) {
            String numbers = row.at("/value/value").asText() + " (95% CI " + row.at("/lo/value").asText() + "-" + row.at("/hi/value").asText() + ")";
            assertTrue(detail.contains(numbers), "detail lacks " + numbers + ":\n" + detail);
        }
    }

    @Test void missing_context_is_a_400_naming_it() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        req.remove("context");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("context"), p.toString());
        assertEquals("context", p.at("/errors/0/field").asText(), p.toString());
    }

    @Test void missing_hook_or_hook_instance_is_a_400() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        req.remove("hook");
        req.remove("hookInstance");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("hook is required") && p.path("detail").asText().contains("hookInstance is required"), p.toString());
    }

    @Test void a_hook_the_service_does_not_answer_is_a_400() {
        JsonNode p = CdsLib.assertProblem(call(CdsLib.ORDER_SELECT, scenario("2015-asymptomatic")), 400);
        assertTrue(p.path("detail").asText().contains("answers the hook 'order-select'"), p.toString());
    }

    @Test void hook_specific_context_is_required() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("order-2015-not-resectable"));
        ((ObjectNode) req.get("context")).remove("draftOrders");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.ORDER_SELECT, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("context.draftOrders"), p.toString());
    }

    @Test void non_json_and_non_object_bodies_are_400() {
        CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, "this is not json"), 400);
        CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, "[1, 2]"), 400);
        CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, ""), 400);
    }

    @Test void a_prefetch_value_that_is_not_fhir_is_a_400() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        ((ObjectNode) req.get("prefetch")).putObject("conditions").put("resourceType", "NoSuchResource");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("prefetch.conditions"), p.toString());
    }

    @Test void fhir_authorization_without_fhir_server_is_a_400() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        req.putObject("fhirAuthorization").put("access_token", "x").put("token_type", "Bearer");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("fhirServer is required"), p.toString());
    }

    @Test void fhir_authorization_needs_every_required_member_and_its_token_is_never_echoed() {
        String token = "secret-access-token-7f3a9";
        for (String missing : new String[] {"access_token", "token_type", "expires_in", "scope", "subject"}) {
            ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
            req.put("fhirServer", "https://ehr.example.org/fhir");
            ObjectNode auth = req.putObject("fhirAuthorization").put("access_token", token).put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "user/Patient.read").put("subject", "cds-service");
            auth.remove(missing);
            JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
            assertTrue(p.path("detail").asText().contains("fhirAuthorization." + missing), p.toString());
            assertFalse(p.toString().contains(token), "the token is echoed: " + p);
        }
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        req.put("fhirServer", "https://ehr.example.org/fhir");
        req.putObject("fhirAuthorization").put("access_token", token).put("token_type", "MAC").put("expires_in", "soon")
                .put("scope", "user/Patient.read").put("subject", "cds-service");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("token_type") && p.path("detail").asText().contains("expires_in"), p.toString());
        assertFalse(p.toString().contains(token), "the token is echoed: " + p);
    }

    @Test void a_cards_source_url_is_its_guideline_versions_page_and_drill_downs_stay_in_links() {
        for (String[] c : new String[][] {{CdsLib.PATIENT_VIEW, "2015-symptomatic-resectable"}, {CdsLib.PATIENT_VIEW, "2015-missing-data"},
                {CdsLib.ORDER_SELECT, "order-2015-not-resectable"}}) {
            JsonNode body = CdsLib.assertCdsResponse(call(c[0], scenario(c[1])));
            assertTrue(body.path("cards").size() > 0, c[1]);
            for (JsonNode card : body.path("cards")) {
                JsonNode ext = card.path("extension").elements().next();
                String version = ext.path("versionIri").asText();
                assertEquals(server.url("/id/" + version.substring("https://w3id.org/gkb/id/".length())), card.at("/source/url").asText(), card.toString());
                assertTrue(card.path("links").size() > 0, card.toString());
                for (JsonNode link : card.path("links")) assertFalse(link.path("url").asText().equals(card.at("/source/url").asText()), card.toString());
            }
        }
    }

    /** A JSON object nested {@code levels} deep (the outermost object is level 1). */
    static String nested(int levels) {
        return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
    }

    @Test void a_call_nested_deeper_than_64_levels_is_a_400_naming_the_nesting_limit() {
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, nested(65)), 400);
        assertTrue(p.path("detail").asText().contains("nesting limit is 64"), p.toString());
        p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, nested(64)), 400);
        assertFalse(p.path("detail").asText().contains("nesting"), "64 levels are allowed: " + p);
    }

    @Test void a_patient_view_call_with_neither_prefetch_nor_fhir_server_is_a_412() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        req.remove("prefetch");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 412);
        assertTrue(p.path("type").asText().endsWith("precondition-failed"), p.toString());
        assertTrue(p.path("detail").asText().contains("prefetch 'patient' was not sent"), p.toString());
    }

    @Test void an_unknown_guideline_version_in_the_extension_is_a_400() {
        ObjectNode req = (ObjectNode) CdsLib.json(scenario("2015-asymptomatic"));
        ((ObjectNode) req.at("/extension/org.guidelinekb.versions")).put("version", "1999");
        JsonNode p = CdsLib.assertProblem(call(CdsLib.PATIENT_VIEW, req.toString()), 400);
        assertTrue(p.path("detail").asText().contains("1999"), p.toString());
    }

    @Test void an_unknown_service_is_a_404() {
        JsonNode p = CdsLib.assertProblem(call("no-such-service", scenario("2015-asymptomatic")), 404);
        assertTrue(p.path("detail").asText().contains("no-such-service"), p.toString());
        CdsLib.assertProblem(server.http().post("/cds-services/no-such-service/feedback", "application/json", "{}"), 404);
    }

    @Test void every_card_and_suggestion_has_a_uuid_and_uuids_differ_between_calls() {
        JsonNode a = CdsLib.assertCdsResponse(call(CdsLib.ORDER_SELECT, scenario("order-2015-not-resectable")));
        JsonNode b = CdsLib.assertCdsResponse(call(CdsLib.ORDER_SELECT, scenario("order-2015-not-resectable")));
        JsonNode card = a.path("cards").get(0);
        assertEquals("warning", card.path("indicator").asText());
        assertEquals("at-most-one", card.path("selectionBehavior").asText());
        assertEquals("delete", card.at("/suggestions/0/actions/0/type").asText());
        assertEquals("ServiceRequest/sr-1", card.at("/suggestions/0/actions/0/resourceId").asText());
        assertFalse(card.at("/suggestions/0/uuid").asText().isEmpty());
        assertFalse(card.path("uuid").asText().equals(b.path("cards").get(0).path("uuid").asText()));
        assertTrue(card.path("summary").asText().length() < 140);
        assertTrue(card.path("detail").asText().contains("complete local clearance"), card.path("detail").asText());
    }

    @Test void a_call_writes_nothing_to_the_store() {
        long before = Http.json(server.http().get("/api/health")).at("/store/triples").asLong();
        CdsLib.assertCdsResponse(call(CdsLib.PATIENT_VIEW, scenario("2015-symptomatic-resectable")));
        assertEquals(before, Http.json(server.http().get("/api/health")).at("/store/triples").asLong());
    }

    /** Issue 20: the missing-data card names the data by their labels, in its summary and its detail. */
    @Test void the_missing_data_card_names_attributes_by_their_labels() {
        JsonNode body = CdsLib.assertCdsResponse(call(CdsLib.PATIENT_VIEW, scenario("2015-missing-data")));
        JsonNode card = null;
        for (JsonNode c : body.path("cards")) if (c.path("extension").has("org.guidelinekb.missing-data")) card = c;
        assertTrue(card != null, body.toString());
        String summary = card.path("summary").asText();
        assertTrue(summary.contains("missing primary tumour intact"), summary);
        assertFalse(summary.contains("primaryTumorIntact"), summary);
        String detail = card.path("detail").asText();
        assertTrue(detail.startsWith("**NCCN Guidelines: Breast Cancer, version 2015 — retired"), detail);
        assertTrue(detail.contains("- Primary tumour intact (`primaryTumorIntact`): "), detail);
    }
}
