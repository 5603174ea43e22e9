package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The CDS Hooks specification's example patient-view request (its fhirServer pointed at a FHIR server run here on
 * loopback): prefetch keys the client did not send are fetched from fhirServer with the fhirAuthorization bearer
 * token; pages are followed; an OperationOutcome leaves the data unavailable, hence unknown; a failed fetch (an HTTP
 * error, a refused token) means the data could not be obtained: 412 Precondition Failed.
 */
class TestCdsFhirServer {
    private static final String TOKEN = "some-opaque-fhir-access-token";

    /** A FHIR server stub: answers only with the right bearer token, and records what it was asked. */
    private static final class FhirStub implements AutoCloseable {
        final HttpServer http;
        final List<String> asked = new CopyOnWriteArrayList<>();
        final List<String> askedOther = new CopyOnWriteArrayList<>();
        /** Where the next page of patient "elsewhere"'s conditions is said to be: another server. */
        volatile String elsewhere = "http://127.0.0.1:9/fhir";

        FhirStub() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/fhir", this::handle);
            http.createContext("/fhir-other", ex -> {   // a sibling path of the FHIR base: not under it
                askedOther.add(ex.getRequestURI().toString());
                send(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
            });
            http.start();
        }

        String base() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/fhir";
        }

        private void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().toString().substring("/fhir/".length());
            asked.add(path);
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"security\"}]}");
                return;
            }
            String cond = "{\"resourceType\":\"Condition\",\"id\":\"%s\",\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]},"
                    + "\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"%s\"}]}}";
            switch (path) {
                case "Patient/1288992" -> send(ex, 200, "{\"resourceType\":\"Patient\",\"id\":\"1288992\",\"birthDate\":\"1925-12-23\"}");
                case "Condition?patient=1288992" -> send(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\",\"url\":\""
                        + base() + "/Condition?patient=1288992&page=2\"}],\"entry\":[{\"resource\":" + cond.formatted("bc", "C50.911") + "}]}");
                case "Condition?patient=1288992&page=2" -> send(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                        + cond.formatted("bone", "C79.51") + "}]}");
                case "Observation?patient=1288992" -> send(ex, 200,
                        "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-costly\",\"diagnostics\":\"too many results\"}]}");
                case "Procedure?patient=1288992" -> send(ex, 200,
                        "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"exception\",\"diagnostics\":\"procedures offline\"}]}");
                case "Condition?patient=500" -> send(ex, 500, "oops");
                case "Condition?patient=elsewhere" -> send(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":[{\"relation\":\"next\",\"url\":\""
                        + elsewhere + "/Condition?patient=elsewhere&page=2\"}],\"entry\":[{\"resource\":" + cond.formatted("bc", "C50.911") + "}]}");
                default -> send(ex, 200, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
            }
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/fhir+json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    private static org.guidelinekb.AppConfig allowing(FhirStub fhir) {
        return org.guidelinekb.AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.NONE.withFhirAllow(List.of(fhir.base()))).build();
    }

    @Test void the_spec_example_fetches_missing_prefetch_from_the_fhir_server_with_the_bearer_token() throws IOException {
        try (FhirStub fhir = new FhirStub(); TestServer server = TestServer.start(allowing(fhir))) {
            ObjectNode req = (ObjectNode) CdsLib.json(CdsLib.read(CdsLib.DIR.resolve("spec-example-patient-view.json")));
            req.put("fhirServer", fhir.base());
            JsonNode body = CdsLib.assertCdsResponse(server.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", req.toString()));
            assertTrue(fhir.asked.containsAll(List.of("Patient/1288992", "Condition?patient=1288992", "Condition?patient=1288992&page=2",
                    "Observation?patient=1288992", "Procedure?patient=1288992", "MedicationRequest?patient=1288992")), fhir.asked.toString());
            JsonNode c = body.at("/extension/org.guidelinekb.evaluation/case");
            assertEquals(true, c.at("/values/metastatic").asBoolean(), c.toString());
            assertEquals("[\"bone\"]", c.at("/openLists/metastaticSites").toString(), "the second page was read");
            assertTrue(c.at("/notes/erStatus").asText().contains("OperationOutcome"), c.toString());
            assertTrue(c.at("/notes/primaryTumorIntact").asText().contains("procedures offline"), c.toString());
            assertTrue(body.at("/extension/org.guidelinekb.evaluation/data/Condition").asText().contains("fetched from the fhirServer"), body.toString());
        }
    }

    @Test void a_failed_fetch_is_a_412_that_names_no_host() throws IOException {
        try (FhirStub fhir = new FhirStub(); TestServer server = TestServer.start(allowing(fhir))) {
            ObjectNode req = (ObjectNode) CdsLib.json(CdsLib.read(CdsLib.DIR.resolve("spec-example-patient-view.json")));
            req.put("fhirServer", fhir.base());
            ((ObjectNode) req.get("fhirAuthorization")).put("access_token", "a-wrong-token");
            JsonNode p = CdsLib.assertProblem(server.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", req.toString()), 412);
            assertTrue(p.path("detail").asText().contains("answered 401"), p.toString());
            assertFalse(p.toString().contains(String.valueOf(fhir.http.getAddress().getPort())), p.toString());

            ((ObjectNode) req.get("fhirAuthorization")).put("access_token", TOKEN);
            ((ObjectNode) req.get("context")).put("patientId", "500");
            req.remove("prefetch");
            p = CdsLib.assertProblem(server.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", req.toString()), 412);
            assertTrue(p.path("detail").asText().contains("answered 500 (GET Condition?patient=500)"), p.toString());
        }
    }

    @Test void a_next_page_on_another_server_is_not_followed() throws IOException {
        try (FhirStub fhir = new FhirStub(); FetchListener other = new FetchListener(); TestServer server = TestServer.start(allowing(fhir))) {
            ObjectNode req = (ObjectNode) CdsLib.json(CdsLib.read(CdsLib.DIR.resolve("spec-example-patient-view.json")));
            req.put("fhirServer", fhir.base());
            ((ObjectNode) req.get("context")).put("patientId", "elsewhere");
            req.remove("prefetch");
            for (String elsewhere : List.of(other.base(), fhir.base() + "-other")) {
                fhir.elsewhere = elsewhere;
                var r = server.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", req.toString());
                assertTrue(r.statusCode() < 500, r.body());
            }
            assertTrue(fhir.asked.contains("Condition?patient=elsewhere"), fhir.asked.toString());
            assertEquals(0, other.connections(), "a next link to another server was followed");
            assertEquals(List.of(), fhir.askedOther, "a next link outside the fhirServer's path was followed");
        }
    }
}
