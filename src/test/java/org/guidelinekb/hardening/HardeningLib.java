package org.guidelinekb.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.guidelinekb.api.ApiErrors;
import org.guidelinekb.error.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the hardening tests share: one keep-alive HTTP client, a request/answer record that prints both sides when
 * a check fails, the problem+json check every error must pass, and small timing helpers.
 */
final class HardeningLib {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path RESOURCES = Path.of("src/test/resources/hardening");
    /** The write token of every server the hardening tests start. */
    static final String TOKEN = "hardening-token-5f0c2a9e";
    static final String BEARER = "Bearer " + TOKEN;

    /** HTTP/1.1 (no h2c upgrade attempts), keep-alive, connections pooled across requests. */
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HardeningLib() {}

    /** One request as sent (kept to print it when a check fails). */
    record Request(String method, String url, String contentType, byte[] body, List<String> headers) {
        static Request get(String url, String... headers) {
            return new Request("GET", url, null, null, List.of(headers));
        }

        static Request post(String url, String contentType, String body, String... headers) {
            return new Request("POST", url, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), List.of(headers));
        }

        static Request post(String url, String contentType, byte[] body, String... headers) {
            return new Request("POST", url, contentType, body, List.of(headers));
        }

        HttpRequest build(Duration timeout) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) b.header("Content-Type", contentType);
            for (int i = 0; i + 1 < headers.size(); i += 2) b.header(headers.get(i), headers.get(i + 1));
            return b.build();
        }

        @Override
        public String toString() {
            String shown = body == null ? "(no body)" : clip(new String(body, StandardCharsets.UTF_8), 600) + " (" + body.length + " bytes)";
            List<String> hs = new ArrayList<>();
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                hs.add(headers.get(i) + ": " + (headers.get(i).equalsIgnoreCase("Authorization") ? "(hidden)" : headers.get(i + 1)));
            }
            return method + " " + clip(url, 400) + (contentType == null ? "" : "\n  Content-Type: " + clip(contentType, 200))
                    + (hs.isEmpty() ? "" : "\n  " + String.join("\n  ", hs)) + "\n  body: " + shown;
        }
    }

    /** An answer with the request that caused it. */
    record Reply(Request request, int status, String contentType, String body, long nanos, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        @Override
        public String toString() {
            return "request: " + request + "\nanswer: " + status + " " + contentType + "\n  " + clip(body, 1500);
        }
    }

    static Reply send(Request r) {
        return send(r, Duration.ofSeconds(60));
    }

    /** The last answer received (by any thread), named when a request gets no answer: often the cause. */
    private static final java.util.concurrent.atomic.AtomicReference<Reply> LAST = new java.util.concurrent.atomic.AtomicReference<>();

    static Reply send(Request r, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> res = CLIENT.send(r.build(timeout), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Reply reply = new Reply(r, res.statusCode(), res.headers().firstValue("Content-Type").orElse(""), res.body(), System.nanoTime() - t0,
                    res.headers());
            LAST.set(reply);
            return reply;
        } catch (IOException e) {
            // e.g. "header parser received no bytes": the server closed the keep-alive connection without answering
            Reply before = LAST.get();
            throw new UncheckedIOException("no answer (" + e + ") to\n" + r + (before == null ? "" : "\n\nthe answer before it:\n" + before
                    + "\n  Connection: " + before.header("Connection")), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rule for every answer: never a 5xx; every 4xx is {@code application/problem+json} with a string
     * {@code type}, {@code title} and {@code detail} and the HTTP status as {@code status}.
     */
    static void assertNoServerErrorAndProblemJson(Reply r) {
        if (r.status() >= 500) throw new AssertionError("a 5xx answer (a bug):\n" + r);
        if (r.status() >= 400) assertProblem(r, r.status());
    }

    /** Checks that {@code r} is a problem+json answer with status {@code status}; returns the document. */
    static JsonNode assertProblem(Reply r, int status) {
        if (r.status() != status) throw new AssertionError("expected " + status + ":\n" + r);
        if (!r.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            throw new AssertionError("an error that is not application/problem+json:\n" + r);
        }
        JsonNode p;
        try {
            p = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("a problem+json answer that is not JSON:\n" + r, e);
        }
        for (String member : List.of("type", "title", "detail")) {
            if (p == null || !p.path(member).isTextual() || p.path(member).asText().isBlank()) {
                throw new AssertionError("problem+json without a '" + member + "':\n" + r);
            }
        }
        if (!p.path("status").isInt() || p.path("status").asInt() != r.status()) {
            throw new AssertionError("problem+json whose 'status' is not " + r.status() + ":\n" + r);
        }
        // a registered type (error/ProblemType, one heading each in docs/problems.md), with its status
        String type = p.path("type").asText();
        ProblemType registered = type.startsWith(ProblemType.BASE)
                ? ProblemType.ofSlug(type.substring(ProblemType.BASE.length())).orElse(null)
                : null;
        if (registered == null) throw new AssertionError("problem type " + type + " is not a registered type:\n" + r);
        int typeStatus = ApiErrors.status(registered);
        if (typeStatus != 0 && typeStatus != r.status()) {
            throw new AssertionError("problem type " + type + " answered with " + r.status() + ", not " + typeStatus + ":\n" + r);
        }
        return p;
    }

    /**
     * Sends one generated request and applies the rule for every answer ({@link #assertNoServerErrorAndProblemJson});
     * its status goes to the property's statistics.
     */
    static Reply sendGenerated(Request request) {
        Reply r = send(request);
        net.jqwik.api.statistics.Statistics.label("status").collect(r.status());
        assertNoServerErrorAndProblemJson(r);
        return r;
    }

    /** After a property: the server is healthy and its store holds exactly {@code before} ({@link StoreFingerprint#exact}). */
    static void assertAliveAndStoreUnchanged(org.guidelinekb.testing.ServerUnderTest server, String before, String what) {
        assertHealthy(server.baseUrl());
        String now = StoreFingerprint.exact(server.storeContent());
        if (!now.equals(before)) throw new AssertionError(what + " changed the store: " + before + " -> " + now);
    }

    /** {@code GET /api/health} answers 200 with status ok. */
    static void assertHealthy(String base) {
        Reply r = send(Request.get(base + "/api/health"), Duration.ofSeconds(30));
        if (r.status() != 200 || !r.body().contains("\"ok\"")) throw new AssertionError("the server is not healthy:\n" + r);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String clip(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max) + "…(" + (s.length() - max) + " more chars)";
    }

    /** The {@code p}-th percentile (0..100) of durations in nanoseconds, in milliseconds. */
    static double percentileMillis(List<Long> nanos, double p) {
        if (nanos.isEmpty()) return Double.NaN;
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
