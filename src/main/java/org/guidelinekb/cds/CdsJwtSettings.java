package org.guidelinekb.cds;

import java.util.List;

/**
 * How far the CDS Hooks service trusts its callers (docs/security.md, "CDS Hooks security").
 * <ul>
 * <li>{@code issuer}, {@code publicKeys}, {@code jkuAllow}, {@code required}: the client's JWT (CDS Hooks "Trusting
 * CDS Clients"), asymmetric only — the issuer a JWT must name, the client's public keys (a JWK set, a JWK or a PEM
 * "PUBLIC KEY"), and the JWK set URLs a token's {@code jku} may name. {@code required}: a call without a JWT is
 * refused (401); otherwise a JWT, when sent, must be valid. Feedback always needs one unless {@code feedbackOpen}.</li>
 * <li>{@code fhirAllow}: the FHIR base URLs the service may fetch missing prefetch data from (only when the request
 * gives both {@code fhirServer} and {@code fhirAuthorization}); empty = never fetch.</li>
 * <li>{@code feedbackOpen}: store feedback from callers without a valid JWT (the operator's choice; off by default).</li>
 * </ul>
 */
public record CdsJwtSettings(String issuer, String publicKeys, List<String> jkuAllow, boolean required, List<String> fhirAllow,
                             boolean feedbackOpen) {

    public static final CdsJwtSettings NONE = new CdsJwtSettings(null, null, List.of(), false, List.of(), false);

    public CdsJwtSettings {
        jkuAllow = jkuAllow == null ? List.of() : List.copyOf(jkuAllow);
        fhirAllow = fhirAllow == null ? List.of() : List.copyOf(fhirAllow);
    }

    /** JWTs from {@code issuer}, verified with {@code publicKeys}; nothing else trusted. */
    public static CdsJwtSettings jwt(String issuer, String publicKeys, boolean required) {
        return new CdsJwtSettings(issuer, publicKeys, List.of(), required, List.of(), false);
    }

    /** Whether JWTs are checked at all. */
    public boolean configured() {
        return issuer != null || publicKeys != null || !jkuAllow.isEmpty() || required;
    }

    public CdsJwtSettings withJkuAllow(List<String> urls) {
        return new CdsJwtSettings(issuer, publicKeys, urls, required, fhirAllow, feedbackOpen);
    }

    public CdsJwtSettings withFhirAllow(List<String> urls) {
        return new CdsJwtSettings(issuer, publicKeys, jkuAllow, required, urls, feedbackOpen);
    }

    public CdsJwtSettings withFeedbackOpen(boolean open) {
        return new CdsJwtSettings(issuer, publicKeys, jkuAllow, required, fhirAllow, open);
    }
}
