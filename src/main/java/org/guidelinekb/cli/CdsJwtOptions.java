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

    /** Refused: CDS Hooks forbids symmetric signatures. Kept as an option so that an old start line fails clearly. */
    @Option(names = "--cds-jwt-secret", paramLabel = "SECRET", defaultValue = "${env:GKB_CDS_JWT_SECRET}", hidden = true,
            description = "No longer accepted: HS256 shared secrets are forbidden by CDS Hooks.")
    String secret;

    @Option(names = "--cds-jwt-public-key", paramLabel = "FILE", defaultValue = "${env:GKB_CDS_JWT_PUBLIC_KEY}",
            description = "CDS Hooks: the client's public keys (JWK set, JWK or PEM 'PUBLIC KEY'; RS*, PS*, ES*, e.g. ES384, RS384); "
                    + "env GKB_CDS_JWT_PUBLIC_KEY.")
    Path publicKey;

    @Option(names = "--cds-jwt-jku-allow", paramLabel = "URL", split = ",", defaultValue = "${env:GKB_CDS_JWT_JKU_ALLOW}",
            description = "CDS Hooks: a JWK set URL a client's JWT may name as jku (exact match; fetched with short timeouts, cached); "
                    + "repeat or separate by commas; env GKB_CDS_JWT_JKU_ALLOW. Default: none, jku is refused.")
    java.util.List<String> jkuAllow;

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
        if (blank(secret) != null) {
            throw new IllegalArgumentException("--cds-jwt-secret (or GKB_CDS_JWT_SECRET) is no longer accepted: CDS Hooks forbids symmetric "
                    + "(HS256) client JWTs. Give the client's public keys with --cds-jwt-public-key FILE (JWK set, JWK or PEM), or the "
                    + "JWK set URLs its tokens name as jku with --cds-jwt-jku-allow URL.");
        }
        String key = null;
        if (publicKey != null) {
            try {
                key = Files.readString(publicKey);
            } catch (IOException e) {
                throw new IllegalArgumentException("--cds-jwt-public-key: cannot read " + publicKey + ": " + e.getMessage(), e);
            }
        }
        return new CdsJwtSettings(blank(issuer), key, list(jkuAllow), required, list(fhirAllow), feedbackOpen);
    }

    private static java.util.List<String> list(java.util.List<String> values) {
        return values == null ? java.util.List.of() : values.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
