package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.HardeningLib.BEARER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.hardening.HardeningLib.Reply;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.guidelinekb.testing.StandaloneFuseki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A server over a remote store whose answers to the server's SPARQL Updates get lost: between the server and a
 * standalone Fuseki sits a loopback proxy (this test's own) that can forward the next update and then cut the
 * connection without an answer, drop it unsent, or stop answering altogether. Every answer to the client must be true
 * of the store: 201 when the draft is stored, and a 503 that says the outcome is unknown only when the server could
 * not find out.
 */
class TestLostStoreAnswers {
    private static final String VERSIONS = "/api/guidelines/hard-gl/versions";

    /** What the proxy does with the next SPARQL Update. */
    enum Fault {
        NONE,
        /** forward it, then close the connection without an answer */
        CUT_ANSWER,
        /** close the connection without forwarding it */
        DROP_REQUEST,
        /** forward it, then close every connection without an answer until the test says otherwise */
        CUT_ANSWER_THEN_DOWN
    }

    @TempDir static Path dir;
    private static StandaloneFuseki fuseki;
    private static HttpServer proxy;
    private static App app;
    private static String draft;
    private static final AtomicReference<Fault> next = new AtomicReference<>(Fault.NONE);
    private static volatile boolean down;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        fuseki = new StandaloneFuseki(dir.resolve("fuseki")).start();
        proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.setExecutor(Executors.newFixedThreadPool(8));
        proxy.createContext("/", TestLostStoreAnswers::forward);
        proxy.start();
        String storeUrl = "http://127.0.0.1:" + proxy.getAddress().getPort() + "/kb";
        app = App.start(AppConfig.forTests().toBuilder().storeUrl(storeUrl).adminToken(HardeningLib.TOKEN).build());
        draft = HardeningLib.read(HardeningLib.RESOURCES.resolve("upload-draft.ttl"));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (proxy != null) proxy.stop(0);
        if (fuseki != null) fuseki.close();
    }

    @AfterEach
    void removeTheDraft() {
        next.set(Fault.NONE);
        down = false;
        if (stored()) assertEquals(200, send("DELETE", VERSIONS + "/1", null).status(), "the draft could not be deleted after the test");
    }

    /** Cut after the store applied it, or lost before it reached the store (then the server plans it again). */
    @ParameterizedTest
    @EnumSource(names = {"CUT_ANSWER", "DROP_REQUEST"})
    void a_create_whose_update_answer_was_lost_answers_201_and_is_stored(Fault fault) {
        next.set(fault);
        Reply r = send("POST", VERSIONS, draft);
        assertEquals(Fault.NONE, next.get(), "the proxy did not meet the update");
        assertEquals(201, r.status(), r::toString);
        assertTrue(stored(), "answered 201, but the draft is not in the store");
    }

    @Test
    void a_create_whose_outcome_the_server_cannot_learn_answers_503_outcome_unknown() throws Exception {
        next.set(Fault.CUT_ANSWER_THEN_DOWN);
        Reply r = send("POST", VERSIONS, draft);
        assertEquals(Fault.NONE, next.get(), "the proxy cut no update");
        var problem = HardeningLib.assertProblem(r, 503);
        assertTrue(problem.path("detail").asText().contains("outcome of this write is unknown"), r::toString);
        down = false;
        assertTrue(stored(), "the update reached the store before the answer was cut");
        // the client does what the answer says: reads the resource back
        assertEquals(200, send("GET", VERSIONS + "/1", null).status());
    }

    @Test
    void a_delete_whose_answer_was_cut_after_the_store_applied_it_answers_200() {
        assertEquals(201, send("POST", VERSIONS, draft).status());
        next.set(Fault.CUT_ANSWER);
        Reply r = send("DELETE", VERSIONS + "/1", null);
        assertEquals(Fault.NONE, next.get(), "the proxy cut no update");
        assertEquals(200, r.status(), r::toString);
        assertTrue(!stored(), "answered 200, but the draft is still in the store");
    }

    /** Whether the store itself (not through the proxy) holds the draft's graph. */
    private static boolean stored() {
        return fuseki.contentCopy().containsGraph(org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/gkb/id/guideline/hard-gl/version/1"));
    }

    private static Reply send(String method, String path, String turtle) {
        return HardeningLib.send(new Request(method, app.baseUrl() + path, turtle == null ? null : "text/turtle",
                turtle == null ? null : HardeningLib.utf8(turtle), List.of("Authorization", BEARER)));
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "http2-settings", "keep-alive", "expect");

    private static void forward(HttpExchange ex) throws IOException {
        try (ex) {
            if (down) return; // closed without an answer
            boolean update = ex.getRequestMethod().equals("POST") && ex.getRequestURI().getPath().endsWith("/update");
            Fault fault = update ? next.getAndSet(Fault.NONE) : Fault.NONE;
            if (fault == Fault.DROP_REQUEST) return;
            byte[] body = ex.getRequestBody().readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fuseki.datasetUrl().replace("/kb", "") + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((k, vs) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) vs.forEach(v -> b.header(k, v));
            });
            HttpResponse<byte[]> res = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (fault == Fault.CUT_ANSWER) return;
            if (fault == Fault.CUT_ANSWER_THEN_DOWN) {
                down = true;
                return;
            }
            res.headers().map().forEach((k, vs) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) ex.getResponseHeaders().put(k, vs);
            });
            byte[] out = res.body();
            ex.sendResponseHeaders(res.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) ex.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
