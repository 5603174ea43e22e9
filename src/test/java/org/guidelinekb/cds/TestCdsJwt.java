package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.guidelinekb.AppConfig;
import org.guidelinekb.cli.Main;
import org.guidelinekb.testing.CdsClientKey;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * The client JWT of CDS Hooks 2.0.1, checked by Nimbus: asymmetric signatures only, typ and kid required, aud exactly
 * the service endpoint invoked, iss, exp, iat, jti; keys from the configured JWK set or an allowed jku. Accepted when
 * valid, refused (401) when not; required for feedback, and for calls when configured so.
 */
class TestCdsJwt {
    private static final String ISS = "https://ehr.example.org";
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";

    private static HttpResponse<String> call(TestServer s, String token) {
        String body = CdsLib.read(CdsLib.DIR.resolve("scenarios/2015-asymptomatic/request.json"));
        return token == null ? s.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", body)
                : s.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", body, "Authorization", "Bearer " + token);
    }

    private static int status(TestServer s, String token) {
        return call(s, token).statusCode();
    }

    private static String refusal(TestServer s, String token) {
        return CdsLib.assertProblem(call(s, token), 401).path("detail").asText();
    }

    private static String hs256(String aud) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID("client-1").build(),
                CdsClientKey.claims(ISS, aud).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test void a_required_jwt_is_checked_by_every_rule_of_the_spec() throws Exception {
        CdsClientKey client = CdsClientKey.es384("client-1");
        CdsClientKey stranger = CdsClientKey.es384("client-1");
        AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.jwt(ISS, client.publicJwks(), true)).build();
        try (TestServer s = TestServer.start(cfg)) {
            String aud = s.url("/cds-services/" + CdsLib.PATIENT_VIEW);
            HttpResponse<String> missing = call(s, null);
            CdsLib.assertProblem(missing, 401);
            assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

            String ok = client.token(ISS, aud);
            assertEquals(200, status(s, ok), "a valid ES384 token");
            assertTrue(refusal(s, ok).contains("replay"), "a replayed jti is refused");

            assertTrue(refusal(s, hs256(aud)).contains("HS256"), "a symmetric (HS256) token is refused");
            assertEquals(401, status(s, client.sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("client-1").build(),
                    CdsClientKey.claims(ISS, aud).build())), "no typ");
            assertEquals(401, status(s, client.sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(new JOSEObjectType("at+jwt")).keyID("client-1").build(),
                    CdsClientKey.claims(ISS, aud).build())), "typ other than JWT");
            assertTrue(refusal(s, client.sign(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).build(),
                    CdsClientKey.claims(ISS, aud).build())).contains("kid"), "no kid");
            assertEquals(401, status(s, client.sign(client.header().keyID("client-2").build(), CdsClientKey.claims(ISS, aud).build())), "unknown kid");
            assertEquals(401, status(s, stranger.token(ISS, aud)), "signed by another key with the same kid");
            assertEquals(401, status(s, client.token("https://other.example.org", aud)), "wrong iss");
            assertEquals(401, status(s, client.token(ISS, s.url("/cds-services"))), "aud = the discovery URL");
            assertEquals(401, status(s, client.token(ISS, s.url("/cds-services/" + CdsLib.ORDER_SELECT))), "aud = another service");
            Instant now = Instant.now();
            assertEquals(401, status(s, client.sign(client.header().build(), CdsClientKey.claims(ISS, aud)
                    .issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(600))).build())), "expired");
            assertEquals(401, status(s, client.sign(client.header().build(), CdsClientKey.claims(ISS, aud)
                    .expirationTime(Date.from(now.plusSeconds(3600))).build())), "exp more than 5 minutes ahead");
            assertEquals(401, status(s, client.sign(client.header().build(), CdsClientKey.claims(ISS, aud).jwtID(null).build())), "no jti");
            assertEquals(401, status(s, client.sign(client.header().build(), CdsClientKey.claims(ISS, aud).issueTime(null).build())), "no iat");
            assertEquals(401, status(s, "not-a-jwt"));
            assertEquals(200, s.http().get("/cds-services").statusCode(), "discovery stays open");
        }
    }

    @Test void rs384_from_a_jwk_set_and_es256_from_pem_are_accepted_and_a_jwt_is_optional_when_not_required() throws Exception {
        CdsClientKey rsa = CdsClientKey.rs384("rsa-1");
        AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.jwt(ISS, rsa.publicJwks(), false)).build();
        try (TestServer s = TestServer.start(cfg)) {
            String aud = s.url("/cds-services/" + CdsLib.PATIENT_VIEW);
            assertEquals(200, status(s, null), "optional: no token is accepted");
            assertEquals(200, status(s, rsa.token(ISS, aud)), "a valid RS384 token");
            assertEquals(401, status(s, hs256(aud)), "HS256 is refused even when the JWT is optional");
        }
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair client = gen.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(client.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        try (TestServer s = TestServer.start(AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.jwt(ISS, pem, false)).build())) {
            String aud = s.url("/cds-services/" + CdsLib.PATIENT_VIEW);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID("any").build(), CdsClientKey.claims(ISS, aud).build());
            jwt.sign(new ECDSASigner((ECPrivateKey) client.getPrivate()));
            assertEquals(200, status(s, jwt.serialize()), "a PEM key stands for any kid");
        }
    }

    @Test void keys_come_from_a_jku_only_when_the_operator_allowed_that_url() throws Exception {
        CdsClientKey client = CdsClientKey.es384("jku-1");
        AtomicInteger served = new AtomicInteger();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", ex -> {
            served.incrementAndGet();
            byte[] b = client.publicJwks().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        jwks.start();
        String jku = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
        try (FetchListener other = new FetchListener()) {
            AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.jwt(ISS, null, true).withJkuAllow(List.of(jku))).build();
            try (TestServer s = TestServer.start(cfg)) {
                String aud = s.url("/cds-services/" + CdsLib.PATIENT_VIEW);
                String notAllowed = client.sign(client.header().jwkURL(URI.create(other.base() + "/jwks.json")).build(), CdsClientKey.claims(ISS, aud).build());
                assertTrue(refusal(s, notAllowed).contains("jku"));
                assertEquals(0, other.connections(), "a jku not on the list was fetched");
                assertEquals(200, status(s, client.sign(client.header().jwkURL(URI.create(jku)).build(), CdsClientKey.claims(ISS, aud).build())));
                assertEquals(200, status(s, client.sign(client.header().jwkURL(URI.create(jku)).build(), CdsClientKey.claims(ISS, aud).build())));
                assertEquals(1, served.get(), "the JWK set is cached");
            }
        } finally {
            jwks.stop(0);
        }
    }

    @Test void feedback_is_stored_from_a_client_with_a_valid_jwt() {
        CdsClientKey client = CdsClientKey.es384("client-1");
        AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(CdsJwtSettings.jwt(ISS, client.publicJwks(), false)).build();
        try (TestServer s = TestServer.start(cfg)) {
            JsonNode pv = CdsLib.assertCdsResponse(call(s, null));
            String card = pv.path("cards").get(0).path("uuid").asText();
            String body = "{\"feedback\": [{\"card\": \"" + card + "\", \"outcome\": \"accepted\", \"outcomeTimestamp\": \"2026-11-27T10:15:00Z\"}]}";
            String path = "/cds-services/" + CdsLib.PATIENT_VIEW + "/feedback";
            CdsLib.assertProblem(s.http().post(path, "application/json", body), 401);
            HttpResponse<String> r = s.http().post(path, "application/json", body, "Authorization", "Bearer " + client.token(ISS, s.url(path)));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(1, CdsLib.json(r.body()).path("stored").asInt(), r.body());
        }
    }

    @Test void the_old_shared_secret_option_stops_the_start_with_a_clear_message() {
        StringWriter err = new StringWriter();
        // were the option accepted, the server would run until stopped: the generous bound turns that into a failure
        int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> Main.run(
                new String[] {"serve", "--mem", "--port", "0", "--cds-jwt-issuer", ISS, "--cds-jwt-secret", SECRET},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertEquals(Main.FAILURE, code, err.toString());
        assertTrue(err.toString().contains("--cds-jwt-secret") && err.toString().contains("symmetric"), err.toString());
    }
}
