package org.guidelinekb.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.ServerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing a caller of the public SPARQL endpoint sends makes the server open a connection to another host. A
 * listener on loopback stands in for a cloud metadata service: it answers every connection with a body holding a
 * fake credential and counts the connections. Every query form that names it — {@code SERVICE} anywhere in the
 * query, {@code FROM}, {@code FROM NAMED}, the protocol's dataset parameters, a Graph Store read, a resource look-up —
 * must leave the count at zero, and no answer may carry the listener's body. Runs over embedded TDB2 and again over a
 * remote store (build execution {@code hardening-remote-store}), where the store would make the call itself.
 */
class TestNoOutboundFetch {
    static final String SECRET = "AKIA-FAKE-SECRET-0123456789";
    static ServerUnderTest server;
    static Http http;
    static Listener listener;

    @BeforeAll static void start() throws IOException {
        listener = new Listener();
        server = ServerUnderTest.start(AppConfig.forTests());
        http = server.http();
    }

    @AfterAll static void stop() throws IOException {
        if (server != null) server.close();
        if (listener != null) listener.close();
    }

    @BeforeEach void reset() {
        listener.connections.set(0);
    }

    /** Every place a SERVICE can hide in a query. */
    static List<String> serviceQueries(String l) {
        return List.of(
                "SELECT * WHERE { SERVICE <" + l + "> { ?s ?p ?o } }",
                "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <" + l + "> { ?s ?q ?r } } } LIMIT 1",
                "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <" + l + "> { ?s ?p ?o } } } }",
                "ASK { FILTER EXISTS { SERVICE <" + l + "> { ?s ?p ?o } } }",
                "SELECT (EXISTS { SERVICE <" + l + "> { ?s ?p ?o } } AS ?x) WHERE { }",
                "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING (NOT EXISTS { SERVICE <" + l + "> { ?s ?q ?r } })",
                "SELECT * WHERE { VALUES ?e { <" + l + "> } SERVICE ?e { ?s ?p ?o } }",
                "SELECT * WHERE { GRAPH ?g { ?s ?p ?o MINUS { SERVICE <" + l + "> { ?s ?p ?o } } } } LIMIT 1",
                "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <" + l + "> { ?s ?p ?o } }",
                "DESCRIBE ?s WHERE { SERVICE <" + l + "> { ?s ?p ?o } }",
                // back to our own endpoint: no nesting either
                "SELECT * WHERE { SERVICE <" + server.url("/kb/sparql") + "> { ?s ?p ?o } }");
    }

    @Test void a_query_naming_service_is_refused_with_a_problem_and_makes_no_connection() {
        for (String q : serviceQueries(listener.url())) {
            for (String endpoint : new String[] {"/kb/sparql", "/kb/query", "/kb", "/ui/kb/sparql"}) {
                assertRefused(http.get(endpoint + "?query=" + Http.enc(q)), endpoint + " GET " + q);
            }
            assertRefused(http.post("/kb/sparql", "application/sparql-query", q), "POST " + q);
            assertRefused(http.postForm("/kb/sparql", java.util.Map.of("query", q)), "POST form " + q);
        }
        assertEquals(0, listener.connections.get(), "connections to the listener");
    }

    @Test void dataset_descriptions_and_graph_reads_naming_another_host_fetch_nothing() {
        String l = listener.url();
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(http.get("/kb/sparql?query=" + Http.enc("SELECT * FROM <" + l + "> WHERE { ?s ?p ?o } LIMIT 1")));
        answers.add(http.get("/kb/sparql?query=" + Http.enc("SELECT * FROM NAMED <" + l + "> WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")));
        answers.add(http.get("/kb/sparql?query=" + Http.enc("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
                + "&default-graph-uri=" + Http.enc(l) + "&named-graph-uri=" + Http.enc(l)));
        answers.add(http.get("/kb/get?graph=" + Http.enc(l)));
        answers.add(http.get("/kb?graph=" + Http.enc(l)));
        answers.add(http.get("/api/resource?iri=" + Http.enc(l)));
        for (HttpResponse<String> r : answers) {
            assertTrue(r.statusCode() < 500, r.statusCode() + " " + r.uri() + ": " + r.body());
            assertFalse(r.body().contains(SECRET), "the listener's body came back: " + r.uri());
        }
        assertEquals(0, listener.connections.get(), "connections to the listener");
    }

    @Test void the_endpoint_still_answers_its_own_data_after_the_refusals() {
        HttpResponse<String> r = http.get("/kb/sparql?query=" + Http.enc("ASK { GRAPH ?g { ?s ?p ?o } }"),
                "Accept", "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Http.json(r).get("boolean").asBoolean());
    }

    static void assertRefused(HttpResponse<String> r, String what) {
        assertEquals(400, r.statusCode(), what + ": " + r.body());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"), what + ": " + Http.contentType(r));
        assertTrue(Http.json(r).path("detail").asText().contains("SERVICE"), what + ": " + r.body());
        assertFalse(r.body().contains(SECRET), what);
    }

    /** A loopback server that counts connections and answers each with a fake credential, like a metadata service. */
    static final class Listener implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final Thread thread = new Thread(this::serve, "fake-metadata-service");

        Listener() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/latest/meta-data/iam/security-credentials/role";
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    s.setSoTimeout(2_000);
                    InputStream in = s.getInputStream();
                    in.read(new byte[8192]);
                    byte[] body = ("{\"AccessKeyId\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } catch (IOException e) {
                    // closed, or a client that went away: keep counting
                }
            }
        }

        @Override public void close() throws IOException {
            socket.close();
        }
    }
}
