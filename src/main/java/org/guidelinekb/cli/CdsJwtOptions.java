package org.guidelinekb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.guidelinekb.cds.CdsJwtSettings;

import picocli.CommandLine.Option;

/** {@code gkb serve} flags for how far CDS Hooks callers are trusted (docs/security.md, "CDS Hooks security"). */
final class CdsJwtOptions {
    @Option(names = "--cds-jwt-issuer", paramLabel = "ISS", defaultValue = "${env:GKB_CDS_JWT_ISSUER}",
            description = "CDS Hooks: the trusted client's JWT issuer (iss); env GKB_CDS_JWT_ISSUER. With a key, JWTs are checked.")
    String issuer;

    @Option(names = "--cds-jwt-secret", paramLabel = "SECRET", defaultValue = "${env:GKB_CDS_JWT_SECRET}",
            description = "CDS Hooks: HS256 shared secret (at least 32 bytes); env GKB_CDS_JWT_SECRET.")
    String secret;

    @Option(names = "--cds-jwt-public-key", paramLabel = "FILE", defaultValue = "${env:GKB_CDS_JWT_PUBLIC_KEY}",
            description = "CDS Hooks: the client's public key for RS256/ES256 (PEM 'PUBLIC KEY', JWK or JWK set); env GKB_CDS_JWT_PUBLIC_KEY.")
    Path publicKey;

    @Option(names = "--cds-jwt-required", defaultValue = "${env:GKB_CDS_JWT_REQUIRED:-false}",
            description = "CDS Hooks: refuse service calls and feedback without a valid JWT (401); env GKB_CDS_JWT_REQUIRED.")
    boolean required;

    @Option(names = "--cds-fhir-allow", paramLabel = "URL", split = ",", defaultValue = "${env:GKB_CDS_FHIR_ALLOW}",
            description = "CDS Hooks: a FHIR base URL the service may fetch missing prefetch data from, when a request gives both "
                    + "fhirServer (exactly this URL) and fhirAuthorization; repeat or separate by commas; env GKB_CDS_FHIR_ALLOW. "
                    + "Default: none, never fetch.")
    java.util.List<String> fhirAllow;

    @Option(names = "--cds-feedback-open", defaultValue = "${env:GKB_CDS_FEEDBACK_OPEN:-false}",
            description = "CDS Hooks: store feedback from callers without a valid JWT (anyone who can reach the server); "
                    + "warned about at start; env GKB_CDS_FEEDBACK_OPEN. Default: feedback needs a trusted client's JWT.")
    boolean feedbackOpen;

    CdsJwtSettings settings() {
        String key = null;
        if (publicKey != null) {
            try {
                key = Files.readString(publicKey);
            } catch (IOException e) {
                throw new IllegalArgumentException("--cds-jwt-public-key: cannot read " + publicKey + ": " + e.getMessage(), e);
            }
        }
        java.util.List<String> allow = fhirAllow == null ? java.util.List.of() : fhirAllow.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        return new CdsJwtSettings(blank(issuer), blank(secret), key, required, allow, feedbackOpen);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
