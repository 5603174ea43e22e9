package org.guidelinekb.bench.http;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One request the load generators send, and the status it must answer with. */
public record HttpCall(String name, HttpRequest request, int expectedStatus) {

    public static HttpCall get(String name, String url, String accept) {
        return new HttpCall(name, HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(30)).GET().build(), 200);
    }

    public static HttpCall postJson(String name, String url, String json) {
        return new HttpCall(name, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(), 200);
    }

    /** A SPARQL protocol query by GET, results as JSON. */
    public static HttpCall sparql(String name, String endpoint, String query) {
        return get(name, endpoint + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "application/sparql-results+json");
    }
}
