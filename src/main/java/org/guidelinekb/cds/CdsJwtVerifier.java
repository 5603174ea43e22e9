package org.guidelinekb.cds;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.guidelinekb.error.AuthException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies the JWT a CDS client sends as {@code Authorization: Bearer} (CDS Hooks 2.0): signature (HS256 with the
 * shared secret; RS* or ES* with the configured public key, chosen by {@code kid} in a key set), {@code iss} = the
 * configured issuer, {@code aud} = the service's URL (or the discovery URL), {@code exp} in the future and at most five
 * minutes ahead, {@code iat} not in the future, and a {@code jti} not seen before (replays are refused until the
 * token expires). Failures are 401 problems saying what was wrong.
 *
 * <p>State: the set of recently seen {@code jti} values, per instance, bounded by token lifetime (at most 5 minutes).
 */
public final class CdsJwtVerifier {
    private static final long SKEW_SECONDS = 60;
    private static final long MAX_LIFETIME_SECONDS = 300;

    private final CdsJwtSettings settings;
    private final List<JWK> keys;
    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public CdsJwtVerifier(CdsJwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.keys = settings.publicKey() == null ? List.of() : parseKeys(settings.publicKey());
        if (settings.configured() && settings.issuer() == null) throw new IllegalArgumentException("CDS JWT: an issuer is required (--cds-jwt-issuer)");
        if (settings.configured() && settings.sharedSecret() == null && settings.publicKey() == null) {
            throw new IllegalArgumentException("CDS JWT: give a shared secret (--cds-jwt-secret) or a public key (--cds-jwt-public-key)");
        }
        if (settings.sharedSecret() != null && settings.sharedSecret().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("CDS JWT: the HS256 shared secret must be at least 32 bytes");
        }
    }

    /**
     * Like {@link #check}, but a valid JWT is required whatever the settings: for writes (feedback). Without JWT
     * settings nobody can authenticate, so this always refuses (401).
     */
    public void require(String authorization, List<String> audiences) {
        if (!settings.configured()) {
            throw new AuthException("CDS feedback is stored only from an authenticated CDS client, and this server trusts none "
                    + "(the operator configures client JWTs, or opens feedback with --cds-feedback-open)", true);
        }
        if (authorization == null || authorization.isBlank()) {
            throw new AuthException("CDS feedback needs a JWT: send Authorization: Bearer <JWT> signed by a trusted client", true);
        }
        check(authorization, audiences);
    }

    /**
     * Checks the Authorization header of a call; {@code audiences} are the URLs the token may be for.
     * Does nothing when JWT is not configured, or when it is optional and no token is sent.
     */
    public void check(String authorization, List<String> audiences) {
        if (!settings.configured()) return;
        if (authorization == null || authorization.isBlank()) {
            if (settings.required()) throw new AuthException("this CDS service requires a JWT: send Authorization: Bearer <JWT> signed by a trusted client", true);
            return;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) throw new AuthException("the Authorization header must be 'Bearer <JWT>'", true);
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthException("the bearer token is not a signed JWT", true);
        }
        if (!verify(jwt)) throw new AuthException("the JWT's signature does not verify with the configured key (alg " + jwt.getHeader().getAlgorithm() + ")", true);
        Instant now = clock.instant();
        if (!settings.issuer().equals(claims.getIssuer())) throw new AuthException("the JWT's iss '" + claims.getIssuer() + "' is not the trusted issuer", true);
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(audiences::contains)) {
            throw new AuthException("the JWT's aud " + aud + " is not this service (" + String.join(" or ", audiences) + ")", true);
        }
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) throw new AuthException("the JWT needs exp and iat", true);
        if (exp.toInstant().isBefore(now.minusSeconds(SKEW_SECONDS))) throw new AuthException("the JWT has expired (exp " + exp.toInstant() + ")", true);
        if (exp.toInstant().isAfter(now.plusSeconds(MAX_LIFETIME_SECONDS + SKEW_SECONDS))) throw new AuthException("the JWT's exp is more than 5 minutes ahead", true);
        if (iat.toInstant().isAfter(now.plusSeconds(SKEW_SECONDS))) throw new AuthException("the JWT's iat is in the future", true);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) throw new AuthException("the JWT needs a jti", true);
        long nowSec = now.getEpochSecond();
        seen.values().removeIf(until -> until < nowSec);
        if (seen.putIfAbsent(settings.issuer() + " " + jti, exp.toInstant().getEpochSecond() + SKEW_SECONDS) != null) {
            throw new AuthException("the JWT's jti was already used (replay)", true);
        }
    }

    private boolean verify(SignedJWT jwt) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        try {
            if (JWSAlgorithm.HS256.equals(alg)) {
                return settings.sharedSecret() != null && jwt.verify(new MACVerifier(settings.sharedSecret().getBytes(StandardCharsets.UTF_8)));
            }
            String kid = jwt.getHeader().getKeyID();
            for (JWK k : keys) {
                if (kid != null && k.getKeyID() != null && !kid.equals(k.getKeyID())) continue;
                JWSVerifier v = null;
                if (JWSAlgorithm.Family.RSA.contains(alg) && k instanceof RSAKey rsa) v = new RSASSAVerifier(rsa.toRSAPublicKey());
                if (JWSAlgorithm.Family.EC.contains(alg) && k instanceof ECKey ec) v = new ECDSAVerifier(ec.toECPublicKey());
                if (v != null && jwt.verify(v)) return true;
            }
            return false;
        } catch (JOSEException e) {
            return false;
        }
    }

    /** A PEM public key (RSA or EC), a JWK, or a JWK set. */
    static List<JWK> parseKeys(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("{")) {
                return t.contains("\"keys\"") ? JWKSet.parse(t).getKeys() : List.of(JWK.parse(t));
            }
            String b64 = t.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(b64);
            List<JWK> out = new ArrayList<>();
            for (String alg : new String[] {"RSA", "EC"}) {
                try {
                    PublicKey k = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                    if (k instanceof RSAPublicKey rsa) out.add(new RSAKey.Builder(rsa).build());
                    if (k instanceof ECPublicKey ec) out.add(new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build());
                    break;
                } catch (java.security.GeneralSecurityException e) {
                    // not this algorithm; try the next
                }
            }
            if (out.isEmpty()) throw new IllegalArgumentException("CDS JWT: the public key is neither an RSA nor an EC key");
            return out;
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("CDS JWT: cannot read the public key (PEM 'PUBLIC KEY', JWK or JWK set): " + e.getMessage(), e);
        }
    }
}
