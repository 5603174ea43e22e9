package org.guidelinekb.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The client JWT of CDS Hooks: accepted when valid, refused (401) when not; required only when configured so. */
class TestCdsJwt {
    private static final String ISS = "https://ehr.example.org";
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";

    private static String token(JWSSigner signer, JWSAlgorithm alg, String iss, String aud, Instant iat, Instant exp, String jti) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss).audience(aud).issueTime(Date.from(iat)).expirationTime(Date.from(exp))
                .jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID("client-1").build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static int call(TestServer s, String token) {
        String body = CdsLib.read(CdsLib.DIR.resolve("scenarios/2015-asymptomatic/request.json"));
        return token == null ? s.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", body).statusCode()
                : s.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json", body, "Authorization", "Bearer " + token).statusCode();
    }

    @Test void hs256_jwt_is_required_when_configured_so() throws Exception {
        AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(new CdsJwtSettings(ISS, SECRET, null, true)).build();
        try (TestServer s = TestServer.start(cfg)) {
            String aud = s.url("/cds-services/" + CdsLib.PATIENT_VIEW);
            MACSigner signer = new MACSigner(SECRET.getBytes());
            Instant now = Instant.now();
            var missing = s.http().post("/cds-services/" + CdsLib.PATIENT_VIEW, "application/json",
                    CdsLib.read(CdsLib.DIR.resolve("scenarios/2015-asymptomatic/request.json")));
            CdsLib.assertProblem(missing, 401);
            assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            String ok = token(signer, JWSAlgorithm.HS256, ISS, aud, now, now.plusSeconds(240), UUID.randomUUID().toString());
            assertEquals(200, call(s, ok));
            assertEquals(401, call(s, ok), "a replayed jti is refused");
            assertEquals(401, call(s, token(new MACSigner("another-secret-of-at-least-32-bytes!!!".getBytes()), JWSAlgorithm.HS256, ISS, aud,
                    now, now.plusSeconds(240), UUID.randomUUID().toString())), "wrong key");
            assertEquals(401, call(s, token(signer, JWSAlgorithm.HS256, "https://other.example.org", aud, now, now.plusSeconds(240),
                    UUID.randomUUID().toString())), "wrong iss");
            assertEquals(401, call(s, token(signer, JWSAlgorithm.HS256, ISS, s.url("/cds-services/another-service"), now, now.plusSeconds(240),
                    UUID.randomUUID().toString())), "wrong aud");
            assertEquals(401, call(s, token(signer, JWSAlgorithm.HS256, ISS, aud, now.minusSeconds(900), now.minusSeconds(600),
                    UUID.randomUUID().toString())), "expired");
            assertEquals(401, call(s, token(signer, JWSAlgorithm.HS256, ISS, aud, now, now.plusSeconds(3600), UUID.randomUUID().toString())),
                    "exp more than 5 minutes ahead");
            assertEquals(401, call(s, "not-a-jwt"));
            // discovery stays open
            assertEquals(200, s.http().get("/cds-services").statusCode());
        }
    }

    @Test void es256_jwt_is_checked_when_sent_and_optional_otherwise() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair client = gen.generateKeyPair();
        KeyPair stranger = gen.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(client.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        AppConfig cfg = AppConfig.forTests().toBuilder().cdsJwt(new CdsJwtSettings(ISS, null, pem, false)).build();
        try (TestServer s = TestServer.start(cfg)) {
            String aud = s.url("/cds-services/" + CdsLib.PATIENT_VIEW);
            Instant now = Instant.now();
            assertEquals(200, call(s, null), "optional: no token is accepted");
            assertEquals(200, call(s, token(new ECDSASigner((ECPrivateKey) client.getPrivate()), JWSAlgorithm.ES256, ISS, aud, now,
                    now.plusSeconds(120), UUID.randomUUID().toString())));
            assertEquals(401, call(s, token(new ECDSASigner((ECPrivateKey) stranger.getPrivate()), JWSAlgorithm.ES256, ISS, aud, now,
                    now.plusSeconds(120), UUID.randomUUID().toString())), "signed by another key");
            assertEquals(401, call(s, token(new MACSigner(SECRET.getBytes()), JWSAlgorithm.HS256, ISS, aud, now, now.plusSeconds(120),
                    UUID.randomUUID().toString())), "HS256 without a configured secret");
        }
    }
}
