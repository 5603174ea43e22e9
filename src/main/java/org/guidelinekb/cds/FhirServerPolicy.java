package org.guidelinekb.cds;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which FHIR servers the service may fetch from: only a base URL the operator listed ({@code --cds-fhir-allow}),
 * compared exactly (scheme and host case-insensitive, trailing slashes ignored), and only when the request gives both
 * {@code fhirServer} and {@code fhirAuthorization} (CDS Hooks 2.0.1). An empty list: never fetch.
 */
final class FhirServerPolicy {
    private final List<String> allowed;

    FhirServerPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(FhirServerPolicy::normalise).toList();
        for (int i = 0; i < allowed.size(); i++) {
            if (this.allowed.get(i) == null) {
                throw new IllegalArgumentException("--cds-fhir-allow: not an absolute http(s) URL without query or fragment: " + allowed.get(i));
            }
        }
    }

    /** Whether {@code fhirServer} (from a request) may be fetched from. */
    boolean allows(String fhirServer) {
        String n = fhirServer == null ? null : normalise(fhirServer);
        return n != null && allowed.contains(n);
    }

    /** scheme://host[:port]/path without trailing slashes, scheme and host lower case; null when not such a URL. */
    static String normalise(String url) {
        URI u;
        try {
            u = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return null;
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) return null;
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() < 0 ? "" : ":" + u.getPort()) + path;
    }
}
