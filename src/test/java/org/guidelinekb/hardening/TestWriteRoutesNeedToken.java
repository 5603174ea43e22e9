package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.HardeningLib.BEARER;
import static org.guidelinekb.hardening.HardeningLib.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.ServerUnderTest;
import org.guidelinekb.api.RouteTable.Route;
import org.guidelinekb.cds.CdsJwtSettings;
import org.guidelinekb.hardening.HardeningLib.Reply;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Every route the server registered ({@link org.guidelinekb.App#routes()}, Javalin's own router) that is not a GET either writes
 * and needs a write token, or is on the read-only list below with its reason. Each writing route refuses a missing
 * token (401, {@code WWW-Authenticate: Bearer}) and a wrong one (403), both problem+json, and the store is the same
 * quad for quad afterwards. A route added later without a token check, or with a reason missing from the list,
 * fails here.
 */
class TestWriteRoutesNeedToken {
    /**
     * The non-GET routes that change nothing, each with why. Key: "method path" as the router spells them. SPARQL
     * query POSTs are served by the embedded Fuseki, not by this router (remote store: {@link #READ_ONLY_REMOTE}; see {@link #fuseki_refuses_every_write_with_or_without_a_token}).
     */
    static final Map<String, String> READ_ONLY = Map.of(
            "post /api/evaluate", "evaluates a case in memory against compiled criteria; reads the store only",
            "post /api/evaluate/compare", "replays a case on two versions in memory; reads only",
            "post /api/queries/{name}", "runs a named SELECT with its parameters in the body (form or JSON) instead of the URL; reads only",
            "post /cds-services/{id}", "a CDS Hooks call: maps the patient's FHIR data and evaluates it; reads only. Authenticated by "
                    + "the CDS client's JWT when configured, never by a write token (the EHR holds no write token)",
            // CDS Hooks feedback DOES write (the feedback graph). The CDS Hooks specification has the CDS client (the EHR)
            // send it, authenticated like its calls by the client's JWT; a write token is for content editors. So it is
            // guarded by the CDS JWT when one is configured: cds_feedback_needs_the_clients_jwt_when_one_is_required.
            // Without CDS JWT settings anyone who can reach the server can post feedback (docs/cds-hooks.md).
            "post /cds-services/{id}/feedback", "CDS Hooks feedback: written by the CDS client and guarded by its JWT, not a write token");

    /**
     * Over a remote store there is no embedded Fuseki: the public SPARQL endpoint is this router's own (forwarding
     * queries to the store), and its POSTs are queries. An update sent there is refused with 400 for everyone
     * ({@link #fuseki_refuses_every_write_with_or_without_a_token} runs in both modes).
     */
    static final Map<String, String> READ_ONLY_REMOTE = remoteSparqlPosts();

    private static Map<String, String> remoteSparqlPosts() {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String dataset : List.of("/kb", "/ui/kb")) {
            for (String endpoint : List.of("", "/sparql", "/query")) {
                m.put("post " + dataset + endpoint, "remote store: a SPARQL query forwarded to the store (read-only; an update is refused with 400)");
            }
        }
        return Map.copyOf(m);
    }

    /** The read-only list for the store kind of this run. */
    Map<String, String> readOnly() {
        if (server.kind() == ServerUnderTest.StoreKind.EMBEDDED) return READ_ONLY;
        Map<String, String> m = new java.util.HashMap<>(READ_ONLY);
        m.putAll(READ_ONLY_REMOTE);
        return m;
    }

    private ServerUnderTest server;
    private String base;

    /** A server per test: a write let through by one test must not show up as a failure of another. */
    @BeforeEach void start() {
        server = ServerUnderTest.start(AppConfig.forTests().toBuilder().adminToken(HardeningLib.TOKEN).build());
        base = server.baseUrl();
    }

    @AfterEach void stop() {
        if (server != null) server.close();
    }

    private String exact() {
        return StoreFingerprint.exact(server.storeContent());
    }

    /** The routes that must need a token: not GET, not on the read-only list. */
    static List<Route> writingRoutes(List<Route> routes, Map<String, String> readOnly) {
        return routes.stream().filter(r -> !r.method().equals("get"))
                .filter(r -> !readOnly.containsKey(r.method() + " " + r.path())).toList();
    }

    /** A concrete URL: the published current version, so that a write let through would be plainly visible. */
    String url(Route r) {
        String path = r.path().replace("{g}", "nccn-breast").replace("{v}", "6.2026").replace("{r}", "palliative-primary-surgery")
                .replaceAll("\\{[^}/]+\\}", "x").replaceAll("<[^>/]+>", "x");
        return base + path;
    }

    @Test void every_writing_route_refuses_a_missing_token_with_401_and_a_wrong_one_with_403_and_changes_nothing() {
        List<Route> routes = server.app().routes();
        for (String allowed : readOnly().keySet()) {
            assertTrue(routes.stream().anyMatch(r -> allowed.equals(r.method() + " " + r.path())),
                    "the read-only list names a route the server does not have (remove it): " + allowed);
        }
        List<Route> writing = writingRoutes(routes, readOnly());
        for (String expected : List.of("post /api/guidelines/{g}/versions", "put /api/guidelines/{g}/versions/{v}",
                "delete /api/guidelines/{g}/versions/{v}", "post /api/guidelines/{g}/versions/{v}/publish",
                "post /api/guidelines/{g}/versions/{v}/retire")) {
            assertTrue(writing.stream().anyMatch(r -> expected.equals(r.method() + " " + r.path())), "not found among " + writing + ": " + expected);
        }
        byte[] draft = HardeningLib.read(HardeningLib.RESOURCES.resolve("upload-draft.ttl")).replace("hard-gl", "nccn-breast")
                .getBytes(StandardCharsets.UTF_8);
        // A request WITH the token that changes nothing (publishing the active version: 409). It is not refused, so the
        // refusals below are about the token. It is sent again right before the token in upper case, on the same
        // keep-alive connection: a server that matched header values case-insensitively against what it saw before on
        // the connection (Jetty's header field cache) would take the upper-case token for the real one.
        Request harmless = new Request("POST", base + "/api/guidelines/nccn-breast/versions/6.2026/publish", null, null,
                List.of("Authorization", BEARER));
        Reply allowed = HardeningLib.send(harmless);
        assertEquals(409, allowed.status(), "publishing an active version with the token: 409 (already published)\n" + allowed);
        String before = exact();
        List<String> failures = new ArrayList<>();
        for (Route r : writing) {
            String method = r.method().toUpperCase(java.util.Locale.ROOT);
            for (String[] auth : List.of(new String[0], new String[] {"Authorization", "Bearer not-the-token"},
                    new String[] {"Authorization", BEARER + "x"}, new String[] {"Authorization", "Bearer " + HardeningLib.TOKEN.toUpperCase()})) {
                if (auth.length > 0 && auth[1].contains(HardeningLib.TOKEN.toUpperCase())) HardeningLib.send(harmless);
                Reply reply = HardeningLib.send(new Request(method, url(r), "text/turtle", draft, List.of(auth)));
                int expected = auth.length == 0 ? 401 : 403;
                try {
                    assertProblem(reply, expected);
                    if (expected == 401) {
                        assertEquals("Bearer", reply.header("WWW-Authenticate"), "WWW-Authenticate of\n" + reply);
                    }
                } catch (AssertionError e) {
                    failures.add(r + " with " + (auth.length == 0 ? "no Authorization" : "Authorization: " + auth[1].replace(HardeningLib.TOKEN, "<the token>"))
                            + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " refusal(s) wrong:\n" + String.join("\n\n", failures));
        assertEquals(before, exact(), "a refused write changed the store");
    }

    @Test void the_read_only_posts_change_nothing() {
        String scenario = HardeningLib.read(Path.of("src/test/resources/cds/scenarios/2015-symptomatic-resectable/request.json"));
        String cds = "gkb-metastatic-breast-cancer";
        String before = exact();
        List<Request> calls = List.of(
                Request.post(base + "/api/evaluate", "application/json", "{\"case\": {\"metastatic\": true, \"primaryTumorIntact\": true}}"),
                Request.post(base + "/api/evaluate/compare", "application/json", "{\"guideline\": \"nccn-breast\", \"from\": \"2015\", \"to\": \"6.2026\", \"case\": {}}"),
                Request.post(base + "/api/queries/list-statements", "application/json", "{\"guideline\": \"nccn-breast\"}"),
                Request.post(base + "/api/queries/list-statements", "application/x-www-form-urlencoded", "guideline=nccn-breast&version=2015"),
                Request.post(base + "/cds-services/" + cds, "application/json", scenario));
        for (Request c : calls) {
            Reply r = HardeningLib.send(c);
            assertEquals(200, r.status(), r.toString());
        }
        assertEquals(before, exact(), "a read-only POST changed the store");
    }

    @Test void fuseki_refuses_every_write_with_or_without_a_token() {
        String before = exact();
        String update = HardeningLib.read(HardeningLib.RESOURCES.resolve("sparql-update.ru"));
        List<Request> writes = new ArrayList<>();
        for (String[] auth : List.of(new String[0], new String[] {"Authorization", BEARER})) {
            writes.add(Request.post(base + "/kb/sparql", "application/sparql-update", update, auth));
            writes.add(Request.post(base + "/kb/sparql", "application/x-www-form-urlencoded", "update=" + java.net.URLEncoder.encode(update, StandardCharsets.UTF_8), auth));
            writes.add(Request.post(base + "/kb/update", "application/sparql-update", update, auth));
            writes.add(Request.post(base + "/kb", "application/sparql-update", update, auth));
            writes.add(Request.post(base + "/kb/data?graph=urn:x:g", "text/turtle", "<urn:x:s> <urn:x:p> <urn:x:o> .", auth));
            writes.add(new Request("PUT", base + "/kb/data?default", "text/turtle", HardeningLib.utf8("<urn:x:s> <urn:x:p> <urn:x:o> ."), List.of(auth)));
            writes.add(new Request("DELETE", base + "/kb/data?graph=https://w3id.org/gkb/graph/catalog", null, null, List.of(auth)));
            writes.add(new Request("PUT", base + "/kb/get?graph=urn:x:g", "text/turtle", HardeningLib.utf8("<urn:x:s> <urn:x:p> <urn:x:o> ."), List.of(auth)));
            writes.add(Request.post(base + "/kb/upload", "text/turtle", "<urn:x:s> <urn:x:p> <urn:x:o> .", auth));
            writes.add(Request.post(base + "/ui/kb/update", "application/sparql-update", update, auth));
            writes.add(Request.post(base + "/$/datasets?dbName=x&dbType=mem", "application/x-www-form-urlencoded", "", auth));
            writes.add(new Request("DELETE", base + "/$/datasets/kb", null, null, List.of(auth)));
            writes.add(Request.post(base + "/$/compact/kb", null, "", auth));
            writes.add(Request.post(base + "/$/backup/kb", null, "", auth));
        }
        List<String> failures = new ArrayList<>();
        for (Request w : writes) {
            Reply r = HardeningLib.send(w);
            if (r.status() < 400 || r.status() >= 500) failures.add("not refused with a 4xx:\n" + r);
            else {
                try {
                    assertProblem(r, r.status());
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        assertEquals(before, exact(), "a refused SPARQL write changed the store");
    }

    @Test void cds_feedback_needs_the_clients_jwt_when_one_is_required() {
        String issuer = "https://ehr.example.org";
        String secret = "a-shared-secret-of-at-least-32-bytes-0123456789";
        AppConfig cfg = AppConfig.forTests().toBuilder().adminToken(HardeningLib.TOKEN)
                .cdsJwt(new CdsJwtSettings(issuer, secret, null, true)).build();
        try (ServerUnderTest jwtServer = ServerUnderTest.start(cfg)) {
            String service = "gkb-metastatic-breast-cancer";
            String url = jwtServer.baseUrl() + "/cds-services/" + service + "/feedback";
            String body = "{\"feedback\": [{\"card\": \"" + UUID.randomUUID() + "\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-27T10:15:00Z\"}]}";
            String before = StoreFingerprint.exact(jwtServer.storeContent());
            String audience = jwtServer.baseUrl() + "/cds-services/" + service;
            List<String[]> auths = List.of(new String[0], new String[] {"Authorization", BEARER},
                    new String[] {"Authorization", "Bearer " + jwt(issuer, "another-secret-of-at-least-32-bytes-9876543210", audience)},
                    new String[] {"Authorization", "Bearer " + jwt("https://someone-else.example.org", secret, audience)});
            for (String[] auth : auths) {
                Reply r = HardeningLib.send(Request.post(url, "application/json", body, auth));
                assertProblem(r, 401);
            }
            assertEquals(before, StoreFingerprint.exact(jwtServer.storeContent()), "refused feedback changed the store");
        }
    }

    private static String jwt(String issuer, String secret, String audience) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(Instant.now())).expirationTime(Date.from(Instant.now().plusSeconds(120))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
