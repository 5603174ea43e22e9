package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.guidelinekb.AppConfig;
import org.guidelinekb.sparqlendpoint.LogText;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.ServerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request size limits on the public endpoint and the JSON routes (issue 18): a SPARQL body over 1 MB answers 413
 * before it is parsed, a chunked body is counted while it streams in (the server answers 413 while the client is
 * still sending), a chunked body within the limit is served, an unknown charset is a 400, and a query's log line is
 * short and cannot forge another. Runs over embedded TDB2 and again over a remote store (hardening-remote-store).
 */
class TestRequestSizeLimits {
    static final int QUERY_LIMIT = 1 << 20;
    static ServerUnderTest server;
    static Http http;

    @BeforeAll static void start() {
        server = ServerUnderTest.start(AppConfig.forTests());
        http = server.http();
    }

    @AfterAll static void stop() {
        if (server != null) server.close();
    }

    static String bigQuery(int bytes) {
        String head = "ASK { FILTER(\"";
        return head + "x".repeat(bytes - head.length() - 5) + "\") }";
    }

    static void assertProblem(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.uri() + ": " + r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), Http.contentType(r));
    }

    @Test void a_query_body_over_one_megabyte_answers_413() {
        String q = bigQuery(2 * QUERY_LIMIT);
        for (String endpoint : new String[] {"/kb/sparql", "/kb/query", "/kb", "/ui/kb/sparql"}) {
            HttpResponse<String> r = http.post(endpoint, "application/sparql-query", q);
            assertProblem(413, r);
            assertTrue(Http.json(r).path("detail").asText().contains(String.valueOf(QUERY_LIMIT)), r.body());
        }
        assertProblem(413, http.postForm("/kb/sparql", java.util.Map.of("query", q)));
        HttpResponse<String> small = http.post("/kb/sparql", "application/sparql-query", bigQuery(QUERY_LIMIT / 2),
                "Accept", "application/sparql-results+json");
        assertEquals(200, small.statusCode(), "a query within the limit is answered");
    }

    @Test void a_chunked_body_is_refused_while_the_client_is_still_sending() throws IOException {
        for (String[] route : new String[][] {{"/kb/sparql", "application/sparql-query"}, {"/api/evaluate", "application/json"}}) {
            // sends a little more than the limit and then waits without ending the body: a server that read to the
            // end before counting would never answer (the read times out and the test fails)
            String answer = sendChunkedWithoutEnd(route[0], route[1], QUERY_LIMIT + 64 * 1024);
            assertTrue(answer.startsWith("HTTP/1.1 413"), route[0] + ": " + answer.lines().findFirst().orElse(""));
            assertTrue(answer.contains("application/problem+json"), answer);
        }
    }

    @Test void a_chunked_body_within_the_limit_is_served() {
        HttpResponse<String> ask = http.send(HttpRequest.newBuilder(URI.create(server.url("/kb/sparql")))
                .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                .POST(chunked("ASK { GRAPH ?g { ?s ?p ?o } }")));
        assertEquals(200, ask.statusCode(), ask.body());
        assertTrue(Http.json(ask).path("boolean").asBoolean(), ask.body());
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(server.url("/kb/sparql")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/sparql-results+json")
                .POST(chunked("query=" + Http.enc("ASK { GRAPH ?g { ?s ?p ?o } }"))));
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(Http.json(form).path("boolean").asBoolean(), form.body());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.url("/api/evaluate")))
                .header("Content-Type", "application/json").POST(chunked("{\"guideline\": 42}")));
        assertProblem(400, json); // read whole and judged on its content, not refused for its size
    }

    @Test void an_unknown_charset_is_a_400_problem() {
        assertProblem(400, http.post("/api/evaluate", "application/json; charset=x-unknown", "{}"));
        assertProblem(400, http.post("/kb/sparql", "application/sparql-query; charset=x-unknown", "ASK {}"));
        HttpResponse<String> r = http.post("/api/evaluate", "application/json; charset=x-unknown", "{}");
        assertTrue(Http.json(r).path("detail").asText().contains("x-unknown"), r.body());
    }

    /** Tests run with logs at warn, so the text the endpoint logs ({@link LogText}) is checked directly. */
    @Test void a_query_is_logged_on_one_short_line() {
        String q = "ASK {\n[42] 200 OK FORGED\u2028[43] FORGED\r\n\u0085\u001b[31m}" + " ".repeat(20_000) + "# " + "y".repeat(20_000);
        String logged = LogText.of(q);
        assertTrue(logged.length() < 300, logged.length() + " characters");
        assertTrue(logged.chars().noneMatch(c -> c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x2029), logged);
        assertTrue(logged.startsWith("ASK {\\u000a[42] 200 OK FORGED\\u2028[43]"), logged);
        assertTrue(logged.endsWith("(" + q.length() + " characters)"), logged);
        assertEquals("ASK {}", LogText.of("ASK {}"));
    }

    static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends {@code bytes} of a chunked body and, without ending it, reads the answer (20 s at most). */
    static String sendChunkedWithoutEnd(String path, String type, int bytes) throws IOException {
        URI base = URI.create(server.baseUrl());
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    answer.write(buf, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("}")) break; // the problem's JSON has come
                }
            } catch (java.net.SocketException e) {
                // closed after the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
