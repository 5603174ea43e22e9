package org.guidelinekb.testing;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A CDS client's signing key for tests (CDS Hooks "Trusting CDS Clients"): an ES384 (P-384) or RS384 (RSA 2048) key
 * with a kid; its public JWK set for the server's configuration; tokens as a client sends them (typ JWT, kid, iss,
 * aud, iat, exp two minutes ahead, a fresh jti), with builders for the variants tests refuse.
 */
public final class CdsClientKey {
    private final JWK key;
    private final JWSAlgorithm alg;

    private CdsClientKey(JWK key, JWSAlgorithm alg) {
        this.key = key;
        this.alg = alg;
    }

    public static CdsClientKey es384(String kid) {
        try {
            return new CdsClientKey(new ECKeyGenerator(Curve.P_384).keyID(kid).generate(), JWSAlgorithm.ES384);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CdsClientKey rs384(String kid) {
        try {
            return new CdsClientKey(new RSAKeyGenerator(2048).keyID(kid).generate(), JWSAlgorithm.RS384);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set (JSON), as the server is configured with. */
    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The header a client sends: this key's algorithm, typ JWT, its kid. */
    public JWSHeader.Builder header() {
        return new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
    }

    /** The claims a client sends: iss, aud, iat now, exp in two minutes, a fresh jti. */
    public static JWTClaimsSet.Builder claims(String iss, String aud) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(iss).audience(aud).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A valid token for {@code aud}. */
    public String token(String iss, String aud) {
        return sign(header().build(), claims(iss, aud).build());
    }

    /** Signs any header and claims with this key (the header's alg must be this key's kind). */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof com.nimbusds.jose.jwk.ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((com.nimbusds.jose.jwk.RSAKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
