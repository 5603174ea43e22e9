package org.guidelinekb.cds;

import java.util.List;

/**
 * How far the CDS Hooks service trusts its callers (docs/security.md, "CDS Hooks security").
 * <ul>
 * <li>{@code issuer}, {@code publicKey}, {@code required}: the client's JWT (CDS Hooks "Trusting CDS Clients") — the
 * issuer a JWT must name and the key that verifies it (PEM "PUBLIC KEY", a JWK or a JWK set). {@code required}: a call
 * without a JWT is refused (401); otherwise a JWT, when sent, must be valid. {@code sharedSecret}: HS256 (being removed).</li>
 * <li>{@code fhirAllow}: the FHIR base URLs the service may fetch missing prefetch data from (only when the request
 * gives both {@code fhirServer} and {@code fhirAuthorization}); empty = never fetch.</li>
 * <li>{@code feedbackOpen}: store feedback from callers without a valid JWT (the operator's choice; off by default).</li>
 * </ul>
 */
public record CdsJwtSettings(String issuer, String sharedSecret, String publicKey, boolean required, List<String> fhirAllow, boolean feedbackOpen) {

    public static final CdsJwtSettings NONE = new CdsJwtSettings(null, null, null, false, List.of(), false);

    public CdsJwtSettings {
        fhirAllow = fhirAllow == null ? List.of() : List.copyOf(fhirAllow);
    }

    public CdsJwtSettings(String issuer, String sharedSecret, String publicKey, boolean required) {
        this(issuer, sharedSecret, publicKey, required, List.of(), false);
    }

    /** Whether JWTs are checked at all. */
    public boolean configured() {
        return issuer != null || sharedSecret != null || publicKey != null || required;
    }

    public CdsJwtSettings withFhirAllow(List<String> urls) {
        return new CdsJwtSettings(issuer, sharedSecret, publicKey, required, urls, feedbackOpen);
    }

    public CdsJwtSettings withFeedbackOpen(boolean open) {
        return new CdsJwtSettings(issuer, sharedSecret, publicKey, required, fhirAllow, open);
    }
}
