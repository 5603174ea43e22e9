package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Server-side request forgery through {@code fhirServer} (docs/security.md): the server connects to a FHIR server only
 * when the request gives both {@code fhirServer} and {@code fhirAuthorization} and the operator allowed exactly that
 * base URL. A plain listener counts connections; what the caller is told never names its host or port.
 */
class TestCdsFhirFetchPolicy {

    private static ObjectNode specExample() {
        return (ObjectNode) CdsLib.json(CdsLib.read(CdsLib.DIR.resolve("spec-example-patient-view.json")));
    }

    private static HttpResponse<String> call(TestServer s, ObjectNode req) {
        return s.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", req.toString());
    }

    private static void assertNoNetworkDetail(HttpResponse<String> r, FetchListener l) {
        assertFalse(r.body().contains(String.valueOf(l.port())), "the answer names the port: " + r.body());
        assertFalse(r.body().contains("127.0.0.1"), "the answer names the host: " + r.body());
        assertFalse(r.body().contains("Exception"), "the answer names an exception: " + r.body());
    }

    @Test void by_default_no_request_makes_the_server_connect() {
        try (FetchListener l = new FetchListener(); TestServer s = TestServer.start()) {
            ObjectNode withAuth = specExample().put("fhirServer", l.base());
            ObjectNode withoutAuth = specExample().put("fhirServer", l.base());
            withoutAuth.remove("fhirAuthorization");
            ObjectNode other = specExample().put("fhirServer", "http://localhost:" + l.port() + "/fhir");
            for (ObjectNode req : List.of(withAuth, withoutAuth, other)) {
                HttpResponse<String> r = call(s, req);
                CdsLib.assertProblem(r, 412);   // the data was neither prefetched nor fetchable
                assertNoNetworkDetail(r, l);
            }
            assertEquals(0, l.connections(), "the server connected to a fhirServer no operator allowed");
        }
    }

    @Test void an_allowed_fhir_server_is_used_only_with_fhir_authorization_and_only_at_its_exact_url() {
        try (FetchListener l = new FetchListener()) {
            AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.NONE.withFhirAllow(List.of(l.base()))).build();
            try (TestServer s = TestServer.start(cfg)) {
                ObjectNode withoutAuth = specExample().put("fhirServer", l.base());
                withoutAuth.remove("fhirAuthorization");
                List<ObjectNode> refused = List.of(withoutAuth,
                        specExample().put("fhirServer", "http://localhost:" + l.port() + "/fhir"),
                        specExample().put("fhirServer", l.base() + "/Patient/other/.."),
                        specExample().put("fhirServer", "http://127.0.0.1:" + l.port() + "/"));
                for (ObjectNode req : refused) {
                    HttpResponse<String> r = call(s, req);
                    CdsLib.assertProblem(r, 412);
                    assertNoNetworkDetail(r, l);
                }
                assertEquals(0, l.connections(), "a request not meeting every condition made the server connect");

                HttpResponse<String> r = call(s, specExample().put("fhirServer", l.base()));
                assertTrue(l.connections() > 0, "an allowed fhirServer with fhirAuthorization was not fetched from");
                assertTrue(CdsLib.assertProblem(r, 412).path("detail").asText().contains("could not be reached"), r.body());
                assertNoNetworkDetail(r, l);
            }
        }
    }
}
