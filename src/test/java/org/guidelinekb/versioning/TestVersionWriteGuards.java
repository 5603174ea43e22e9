package org.guidelinekb.versioning;

import static org.guidelinekb.versioning.VersioningTestLib.AUTH;
import static org.guidelinekb.versioning.VersioningTestLib.FIXTURES;
import static org.guidelinekb.versioning.VersioningTestLib.draft;
import static org.guidelinekb.versioning.VersioningTestLib.dump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.guidelinekb.AppConfig;
import org.guidelinekb.KnowledgeBase;
import org.guidelinekb.store.ChangeSet;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.RunningServer;
import org.guidelinekb.testing.TestServer;
import org.guidelinekb.vocab.GKB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What must never happen: a published version changed, a write without a valid token, invalid content written, or
 * a failed write leaving something behind. Each check compares a dump of the whole store before and after.
 */
class TestVersionWriteGuards {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(VersioningTestLib::withToken);

    /** One write route: method, path, content type and body (null when none). */
    record Write(String method, String path, String type, String body) {
        HttpResponse<String> send(String... headers) {
            return server.http().method(method, path, type, body, headers);
        }
    }

    static String shipped2015() {
        return draft(Path.of("kb/guidelines/nccn-breast/2015.ttl"));
    }

    @Test void every_write_route_on_a_published_version_is_409_and_changes_nothing() {
        List<Write> writes = List.of(
                new Write("POST", "/api/guidelines/nccn-breast/versions", "text/turtle", shipped2015()),
                new Write("PUT", "/api/guidelines/nccn-breast/versions/2015", "text/turtle", shipped2015()),
                new Write("DELETE", "/api/guidelines/nccn-breast/versions/2015", null, null),
                new Write("DELETE", "/api/guidelines/nccn-breast/versions/6.2026", null, null),
                new Write("POST", "/api/guidelines/nccn-breast/versions/2015/publish", null, null),
                new Write("POST", "/api/guidelines/nccn-breast/versions/6.2026/publish", null, null),
                new Write("POST", "/api/guidelines/nccn-breast/versions/2015/retire", null, null));
        List<String> before = dump(server.app());
        for (Write w : writes) {
            HttpResponse<String> r = w.send(AUTH);
            assertEquals(409, r.statusCode(), w + " -> " + r.body());
            assertTrue(Http.contentType(r).startsWith("application/problem+json"), w.toString());
        }
        assertEquals(before, dump(server.app()), "a refused write changed the store");
        assertTrue(Http.json(new Write("DELETE", "/api/guidelines/nccn-breast/versions/2015", null, null).send(AUTH))
                .get("detail").asText().contains("immutable"));
    }

    @Test void every_write_route_without_a_token_is_401_and_with_a_wrong_token_403() {
        String body = draft(FIXTURES.resolve("added/from.ttl"));
        List<Write> writes = List.of(
                new Write("POST", "/api/guidelines/test-gl/versions", "text/turtle", body),
                new Write("PUT", "/api/guidelines/test-gl/versions/1", "text/turtle", body),
                new Write("DELETE", "/api/guidelines/nccn-breast/versions/2015", null, null),
                new Write("POST", "/api/guidelines/nccn-breast/versions/6.2026/publish", null, null),
                new Write("POST", "/api/guidelines/nccn-breast/versions/6.2026/retire", null, null));
        List<String> before = dump(server.app());
        for (Write w : writes) {
            HttpResponse<String> none = w.send();
            assertEquals(401, none.statusCode(), w.toString());
            assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""), w.toString());
            assertTrue(Http.contentType(none).startsWith("application/problem+json"), w.toString());
            assertEquals(403, w.send("Authorization", "Bearer not-the-token").statusCode(), w.toString());
            assertEquals(401, w.send("Authorization", "Basic YWRtaW46YWRtaW4=").statusCode(), w.toString());
        }
        assertEquals(before, dump(server.app()));
    }

    @Test void a_server_without_a_token_refuses_every_write_and_says_how_to_configure_one() {
        try (TestServer plain = TestServer.start(AppConfig.forTests())) {
            Http h = plain.http();
            HttpResponse<String> none = h.method("POST", "/api/guidelines/nccn-breast/versions/6.2026/retire", null, null);
            assertEquals(401, none.statusCode());
            HttpResponse<String> any = h.method("POST", "/api/guidelines/nccn-breast/versions/6.2026/retire", null, null, AUTH);
            assertEquals(403, any.statusCode());
            String detail = Http.json(any).get("detail").asText();
            assertTrue(detail.contains("GKB_ADMIN_TOKEN") && detail.contains("--token-file"), detail);
            assertEquals("active", Http.json(h.get("/api/guidelines/nccn-breast/versions/6.2026")).get("status").asText());
        }
    }

    @Test void invalid_content_is_422_with_the_report_and_nothing_is_written() {
        String invalid = draft(FIXTURES.resolve("added/from.ttl")).replace("test-gl", "invalid-gl")
                .replaceFirst("gkb:summary \"[^\"]*\" ;", "");
        List<String> before = dump(server.app());
        HttpResponse<String> r = server.http().post("/api/guidelines/invalid-gl/versions", "text/turtle", invalid, AUTH);
        assertEquals(422, r.statusCode(), r.body());
        var violations = Http.json(r).get("violations");
        assertTrue(violations.size() >= 1 && violations.toString().contains("summary"), r.body());
        assertEquals(before, dump(server.app()));

        HttpResponse<String> broken = server.http().post("/api/guidelines/invalid-gl/versions", "text/turtle", "<a> <b> ", AUTH);
        assertEquals(400, broken.statusCode(), "not Turtle");
        assertEquals(before, dump(server.app()));
    }

    @Test void a_version_of_another_guideline_or_with_a_foreign_status_is_400() {
        String body = draft(FIXTURES.resolve("added/from.ttl"));
        List<String> before = dump(server.app());
        HttpResponse<String> other = server.http().post("/api/guidelines/nccn-breast/versions", "text/turtle", body, AUTH);
        assertEquals(400, other.statusCode(), other.body());
        assertTrue(Http.json(other).get("errors").toString().contains("gkb:ofGuideline"), other.body());
        String active = VersioningTestLib.read(FIXTURES.resolve("added/to.ttl"));
        HttpResponse<String> status = server.http().post("/api/guidelines/test-gl/versions", "text/turtle", active, AUTH);
        assertEquals(400, status.statusCode(), "a new version is a draft: " + status.body());
        assertEquals(before, dump(server.app()));
    }

    @Test void writes_to_a_missing_version_are_404() {
        String body = draft(FIXTURES.resolve("added/from.ttl")).replace("test-gl", "missing-gl");
        assertEquals(404, server.http().method("PUT", "/api/guidelines/missing-gl/versions/1", "text/turtle", body, AUTH).statusCode());
        assertEquals(404, server.http().method("DELETE", "/api/guidelines/missing-gl/versions/1", null, null, AUTH).statusCode());
        assertEquals(404, server.http().method("POST", "/api/guidelines/missing-gl/versions/1/publish", null, null, AUTH).statusCode());
        assertEquals(404, server.http().method("POST", "/api/guidelines/missing-gl/versions/1/retire", null, null, AUTH).statusCode());
    }

    @Test void publishing_a_draft_that_fails_validation_leaves_nothing_behind() {
        // A draft stored before the model gained a rule (here: written straight into the store without a summary).
        String g = "stale-gl";
        Node v = GKB.version(g, "1");
        Graph content = GraphFactory.createDefaultGraph();
        RDFParser.fromString(draft(FIXTURES.resolve("added/from.ttl")).replace("test-gl", g).replaceFirst("gkb:summary \"[^\"]*\" ;", ""),
                Lang.TURTLE).parse(content);
        content.add(v, GKB.lifecycleStatus, GKB.statusDraft);
        KnowledgeBase kb = server.app().kb();
        kb.store().write(r -> {
            ChangeSet.Builder c = ChangeSet.builder().replaceGraph(v, content);
            kb.loader().replaceCatalogEntry(r, v, kb.loader().catalogEntry(content), c);
            kb.loader().newStamp(r, c); // as every catalog write does: readers and replicas rebuild on a new stamp
            return c.build();
        });
        assertEquals("draft", Http.json(server.http().get("/api/guidelines/" + g + "/versions/1")).get("status").asText());

        List<String> before = dump(server.app());
        HttpResponse<String> r = server.http().post("/api/guidelines/" + g + "/versions/1/publish", "text/plain", "", AUTH);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(Http.json(r).get("violations").toString().contains("summary"), r.body());
        assertEquals(before, dump(server.app()), "a failed publish left something behind");
        assertEquals("draft", Http.json(server.http().get("/api/guidelines/" + g + "/versions/1")).get("status").asText());
    }

    @Test void publishing_a_draft_with_the_effective_date_of_a_published_version_is_409_and_changes_nothing() {
        String g = "same-date-gl";
        String v1 = draft(FIXTURES.resolve("added/from.ttl")).replace("test-gl", g);
        assertEquals(201, server.http().post("/api/guidelines/" + g + "/versions", "text/turtle", v1, AUTH).statusCode());
        assertEquals(200, server.http().post("/api/guidelines/" + g + "/versions/1/publish", "text/plain", "", AUTH).statusCode());
        String v2 = draft(FIXTURES.resolve("added/to.ttl")).replace("test-gl", g).replace("2021-06-15", "2020-01-01");
        assertEquals(201, server.http().post("/api/guidelines/" + g + "/versions", "text/turtle", v2, AUTH).statusCode());
        List<String> before = dump(server.app());
        HttpResponse<String> r = server.http().post("/api/guidelines/" + g + "/versions/2/publish", "text/plain", "", AUTH);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(Http.json(r).get("detail").asText().contains("same effective date"), r.body());
        assertEquals(before, dump(server.app()));
    }
}
