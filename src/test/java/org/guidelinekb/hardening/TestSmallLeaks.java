package org.guidelinekb.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.auth.WriteTokens;
import org.guidelinekb.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smaller leaks of issue 18: links never take their host from the request's Host header (they use
 * {@code --public-url}, default the listening address); /api/health names the data folder, not its absolute path;
 * the start-up warnings on a short write token and on a token file others can read.
 */
class TestSmallLeaks {
    static final String CDS_SCENARIO = "src/test/resources/cds/scenarios/2015-asymptomatic";

    @Test void links_ignore_the_host_header_and_use_the_public_url() throws Exception {
        try (App app = App.start(AppConfig.forTests().toBuilder().publicUrl("https://kb.example.org/").build())) {
            String page = raw(app.port(), "GET /api/queries/list-guideline-versions?limit=1 HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n");
            assertTrue(page.contains("Link: <https://kb.example.org/api/queries/list-guideline-versions?"), page);
            assertFalse(page.contains("evil.example"), page);
            String expected = Files.readString(Path.of(CDS_SCENARIO, "expected.json"));
            String service = Http.JSON.readTree(expected).path("service").asText();
            byte[] body = Files.readAllBytes(Path.of(CDS_SCENARIO, "request.json"));
            String cards = raw(app.port(), "POST /cds-services/" + service + " HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n"
                    + new String(body, StandardCharsets.UTF_8));
            assertTrue(cards.startsWith("HTTP/1.1 200"), cards);
            assertTrue(cards.contains("https://kb.example.org/"), "card links on the public URL: " + cards);
            assertFalse(cards.contains("evil.example"), cards);
        }
    }

    @Test void without_a_public_url_links_use_the_listening_address() throws Exception {
        try (App app = App.start(AppConfig.forTests())) {
            assertEquals(app.baseUrl(), app.publicBaseUrl());
            String page = raw(app.port(), "GET /api/queries/list-guideline-versions?limit=1 HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Connection: close\r\n\r\n");
            assertTrue(page.contains("Link: <http://localhost:" + app.port() + "/api/queries/"), page);
            assertFalse(page.contains("evil.example"), page);
        }
    }

    @Test void health_names_the_data_folder_not_its_absolute_path(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("gkb-data");
        try (App app = App.start(AppConfig.forTests().withDataDir(data))) {
            var r = new Http(app.baseUrl()).get("/api/health");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("gkb-data", Http.json(r).at("/store/location").asText(), r.body());
            assertFalse(r.body().contains(dir.toString()), r.body());
        }
    }

    @Test void short_tokens_and_a_token_file_others_can_read_are_warned_about(@TempDir Path dir) throws IOException {
        String strong = "a".repeat(WriteTokens.MIN_TOKEN_CHARS);
        Path file = dir.resolve("tokens");
        Files.writeString(file, "alice short-token\nbob " + strong + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> w = WriteTokens.warnings("secret", file);
        assertEquals(3, w.size(), w.toString());
        assertTrue(w.get(0).contains("GKB_ADMIN_TOKEN") && w.get(1).contains("'alice'") && w.get(2).contains("readable"), w.toString());
        assertTrue(w.stream().noneMatch(s -> s.contains("short-token") || s.contains("secret")), "never the token itself: " + w);
        Files.writeString(file, "bob " + strong + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of(), WriteTokens.warnings(strong, file));
    }

    /** Sends {@code request} as written (the Host header included) and reads the whole answer. */
    static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
