package org.guidelinekb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.guidelinekb.cds.CdsJwtSettings;

import picocli.CommandLine.Option;

/** {@code gkb serve} flags for CDS Hooks client authentication (docs/cds-hooks.md). */
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

    CdsJwtSettings settings() {
        String key = null;
        if (publicKey != null) {
            try {
                key = Files.readString(publicKey);
            } catch (IOException e) {
                throw new IllegalArgumentException("--cds-jwt-public-key: cannot read " + publicKey + ": " + e.getMessage(), e);
            }
        }
        CdsJwtSettings s = new CdsJwtSettings(blank(issuer), blank(secret), key, required);
        return s.configured() ? s : CdsJwtSettings.NONE;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
