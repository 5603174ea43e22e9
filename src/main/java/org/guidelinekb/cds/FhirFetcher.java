package org.guidelinekb.cds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a prefetch query the client did not send from its {@code fhirServer}, with the bearer token of
 * {@code fhirAuthorization}. Plain {@code java.net.http}; the answer is parsed by HAPI's JSON parser in
 * {@link PrefetchReader}, which fetches only from allowed FHIR servers ({@link FhirServerPolicy}). A failure is told
 * without the URL, host, port or the exception's text: what the caller learns cannot map the network.
 */
final class FhirFetcher {
    /** An answer: the body on 2xx, else the reason. */
    record Answer(String body, String failure) {}

    private final Duration timeout;
    private HttpClient client; // made on the first fetch: building one sets up TLS, which no start-up needs

    FhirFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    private synchronized HttpClient client() {
        if (client == null) client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        return client;
    }

    Answer get(String url, String bearerToken) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/fhir+json").GET();
        } catch (IllegalArgumentException e) {
            return new Answer(null, "the FHIR query is not a valid URL");
        }
        if (bearerToken != null) b.header("Authorization", "Bearer " + bearerToken);
        try {
            HttpResponse<String> r = client().send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) return new Answer(null, "the FHIR server answered " + r.statusCode());
            return new Answer(r.body(), null);
        } catch (IOException e) {
            return new Answer(null, "the FHIR server could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted while fetching from the FHIR server");
        }
    }
}
