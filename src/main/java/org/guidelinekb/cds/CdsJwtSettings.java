package org.guidelinekb.cds;

/**
 * How CDS clients authenticate (CDS Hooks "Trusting CDS Clients"): the issuer a JWT must name and the key that
 * verifies it — an HS256 shared secret, or a public key (PEM "PUBLIC KEY", a JWK or a JWK set; RS256/384/512,
 * ES256/384/512). {@code required}: a call without a JWT is refused (401); otherwise a JWT, when sent, must be valid.
 * All null = not configured: calls are accepted without a JWT and an Authorization header is ignored.
 */
public record CdsJwtSettings(String issuer, String sharedSecret, String publicKey, boolean required) {

    public static final CdsJwtSettings NONE = new CdsJwtSettings(null, null, null, false);

    public boolean configured() {
        return issuer != null || sharedSecret != null || publicKey != null || required;
    }
}
