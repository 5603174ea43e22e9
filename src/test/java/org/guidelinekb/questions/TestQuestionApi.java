package org.guidelinekb.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The question-level comparison and the evidence timeline on a real server with the shipped content. */
class TestQuestionApi {
    static final String ID = "https://w3id.org/gkb/id/";
    static final String Q = "/api/questions/mbc-primary-surgery";
    static final String THREE = "nccn-breast@2015,nccn-breast@6.2026,nci-pdq-breast@2025-12-30";
    static final String PALLIATIVE = ID + "guideline/nccn-breast/version/2015/statement/palliative-primary-surgery";
    static final String ROUTINE_LRT = ID + "guideline/nccn-breast/version/6.2026/statement/routine-lrt-no-proven-survival-benefit";

    private static TestServer server;
    private static Http http;

    static final String TOKEN = "t";

    @BeforeAll static void start() {
        server = TestServer.start(org.guidelinekb.AppConfig.forTests().toBuilder().adminToken(TOKEN).build());
        http = server.http();
    }

    static String citingVersion(String date) throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/questions/cite-test.ttl")).replace("VERSION_DATE", date);
    }

    @AfterAll static void stop() {
        if (server != null) server.close();
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static JsonNode groupOf(JsonNode c, String statement) {
        for (JsonNode g : c.get("groups")) for (JsonNode s : g.get("statements")) if (s.get("id").asText().equals(statement)) return g;
        throw new AssertionError("no group holds " + statement + ": " + c);
    }

    @Test void palliative_surgery_2015_and_routine_lrt_v6_2026_are_in_one_action_group() {
        JsonNode c = ok(http.get(Q + "/compare?versions=" + Http.enc(THREE)));
        assertEquals(ID + "question/mbc-primary-surgery", c.get("question").asText());
        assertEquals(3, c.get("versions").size());
        for (JsonNode v : c.get("versions")) assertFalse(v.get("coverage").isEmpty(), "coverage of " + v);
        JsonNode g = groupOf(c, PALLIATIVE);
        assertEquals("locoregional-therapy-of-primary", g.get("action").asText());
        assertEquals(g, groupOf(c, ROUTINE_LRT));
        Map<String, JsonNode> byId = new HashMap<>();
        g.get("statements").forEach(s -> byId.put(s.get("id").asText(), s));
        assertEquals("2015", byId.get(PALLIATIVE).get("version").asText());
        assertEquals("consider", byId.get(PALLIATIVE).get("modality").asText());
        assertEquals("6.2026", byId.get(ROUTINE_LRT).get("version").asText());
        assertEquals("informative", byId.get(ROUTINE_LRT).get("modality").asText());
        assertTrue(byId.get(PALLIATIVE).get("criteria").asText().contains("complete local clearance"), byId.get(PALLIATIVE).toString());
        String differences = g.get("differences").toString();
        assertTrue(differences.contains("nccn-breast 2015 advises considering"), differences);
        assertTrue(differences.contains("nccn-breast 6.2026 states"), differences);
        assertTrue(differences.contains("has not been shown to improve survival"), differences);
        assertFalse(differences.contains("added") || differences.contains("removed"), differences);
    }

    @Test void the_statement_level_compare_points_to_the_question_level_one_when_nothing_lines_up() {
        JsonNode d = ok(http.get("/api/guidelines/nccn-breast/compare?from=2015&to=6.2026"));
        assertEquals(8, d.get("notCovered").size());
        JsonNode link = d.get("questionComparisons").get(0);
        assertEquals(ID + "question/mbc-primary-surgery", link.get("question").asText());
        assertTrue(link.get("page").asText().startsWith("/questions/mbc-primary-surgery/compare?versions="), link.toString());
        JsonNode c = ok(http.get(link.get("api").asText()));
        assertEquals(2, c.get("versions").size());
        HttpResponse<String> md = http.get("/api/guidelines/nccn-breast/compare?from=2015&to=6.2026", "Accept", "text/markdown");
        assertTrue(md.body().contains("Nothing lines up: compare on the clinical question"), md.body());
    }

    @Test void the_guideline_from_to_form_gives_the_same_comparison() {
        JsonNode a = ok(http.get(Q + "/compare?versions=" + Http.enc("nccn-breast@2015,nccn-breast@6.2026")));
        JsonNode b = ok(http.get(Q + "/compare?guideline=nccn-breast&from=2015&to=6.2026"));
        assertEquals(a, b);
    }

    @Test void markdown_says_the_change_in_words() {
        HttpResponse<String> r = http.get(Q + "/compare?versions=" + Http.enc(THREE), "Accept", "text/markdown");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Http.contentType(r).startsWith("text/markdown"), Http.contentType(r));
        assertTrue(r.body().contains("nccn-breast 2015 advises considering"), r.body());
        assertTrue(r.body().contains("## Locoregional therapy of the primary tumour"), r.body());
    }

    @Test void unknown_question_or_version_is_404_and_a_short_list_400() {
        for (String path : List.of("/api/questions/no-such-question/compare?versions=" + Http.enc("nccn-breast@2015,nccn-breast@6.2026"),
                                   Q + "/compare?versions=" + Http.enc("nccn-breast@2015,nccn-breast@1999"),
                                   Q + "/compare?versions=" + Http.enc("nccn-breast@2015,no-guideline@1"),
                                   "/api/questions/no-such-question/timeline")) {
            HttpResponse<String> r = http.get(path);
            assertEquals(404, r.statusCode(), path + " " + r.body());
            assertTrue(Http.contentType(r).startsWith("application/problem+json"), path);
        }
        for (String path : List.of(Q + "/compare", Q + "/compare?versions=nccn-breast@2015", Q + "/compare?versions=" + Http.enc("2015,6.2026"),
                                   Q + "/compare?guideline=nccn-breast&from=2015")) {
            HttpResponse<String> r = http.get(path);
            assertEquals(400, r.statusCode(), path + " " + r.body());
            assertTrue(Http.contentType(r).startsWith("application/problem+json"), path);
        }
    }

    static JsonNode publication(JsonNode t, String id) {
        for (JsonNode p : t.get("publications")) if (p.get("id").asText().equals(ID + id)) return p;
        throw new AssertionError("no publication " + id);
    }

    static String position(JsonNode p, String version) {
        for (JsonNode r : p.get("relativeTo")) if (r.get("version").asText().equals(version)) return r.get("position").asText();
        throw new AssertionError("no position relative to " + version + " in " + p);
    }

    @Test void timeline_places_publications_honestly_with_precision() {
        JsonNode t = ok(http.get(Q + "/timeline?versions=" + Http.enc(THREE)));
        assertEquals(3, t.get("versions").size());
        JsonNode v2015 = t.get("versions").get(0);
        assertEquals("2015", v2015.get("date").asText());
        assertEquals("year", v2015.get("precision").asText());
        JsonNode badwe = publication(t, "publication/badwe-2015-lancet-oncol");
        assertEquals("2015-09-09", badwe.get("date").asText());
        assertEquals("online", badwe.get("basis").asText());
        assertEquals("order-unknown", position(badwe, "2015"), "Badwe (Sep 2015) against NCCN 2015 known only to the year");
        assertEquals("before", position(badwe, "6.2026"));
        JsonNode e2108 = publication(t, "publication/khan-2022-j-clin-oncol");
        assertEquals("2022-01-07", e2108.get("date").asText());
        assertEquals("day", e2108.get("precision").asText());
        assertEquals("randomised-trial", e2108.get("kind").asText());
        assertEquals("after", position(e2108, "2015"));
        assertEquals("abstract", publication(t, "publication/jcog1017-asco-2023").get("kind").asText());
        assertEquals("meta-analysis", publication(t, "publication/tosello-2018-cochrane").get("kind").asText());
        List<String> undated = new ArrayList<>();
        t.get("undated").forEach(u -> undated.add(u.get("id").asText()));
        assertTrue(undated.contains(ID + "publication/jcog1017-full"), undated.toString());
        for (JsonNode p : t.get("publications")) assertFalse(p.get("id").asText().endsWith("jcog1017-full"));
        // sorted on the time axis
        String previous = "";
        for (JsonNode p : t.get("publications")) {
            String d = p.get("date").asText();
            assertTrue(d.compareTo(previous.substring(0, Math.min(previous.length(), d.length()))) >= 0, previous + " then " + d);
            previous = d;
        }
    }

    @Test void timeline_without_versions_uses_every_published_version() {
        JsonNode t = ok(http.get(Q + "/timeline"));
        assertTrue(t.get("versions").size() >= 3, t.get("versions").toString());
    }

    /** A version that says the guideline cites Badwe (online 2015-09-09): refused when dated 2014, and when dated 2016
     *  its link is "cited" in the version JSON, the statement's evidence query, the timeline and the forest-plot data,
     *  while E2108, only attached, stays "attached". */
    @Test void evidence_links_say_whether_the_guideline_cites_them() throws Exception {
        HttpResponse<String> early = http.post("/api/guidelines/cite-test/versions", "text/turtle", citingVersion("2014-06-01"),
                "Authorization", "Bearer " + TOKEN);
        assertTrue(early.statusCode() >= 400 && early.statusCode() < 500, early.statusCode() + " " + early.body());
        assertTrue(early.body().contains("cited-evidence-after-version"), early.body());

        HttpResponse<String> created = http.post("/api/guidelines/cite-test/versions", "text/turtle", citingVersion("2016-01-01"),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> published = http.post("/api/guidelines/cite-test/versions/1/publish", "text/plain", "",
                "Authorization", "Bearer " + TOKEN);
        assertEquals(200, published.statusCode(), published.body());

        String statement = ID + "guideline/cite-test/version/1/statement/surgery-symptomatic";
        JsonNode links = ok(http.get("/api/queries/get-statement-evidence?statement=" + Http.enc(statement)));
        Map<String, String> linkOf = new HashMap<>();
        for (JsonNode row : links.at("/results/bindings")) linkOf.put(row.at("/evidence/value").asText(), row.at("/link/value").asText());
        assertEquals("cited", linkOf.get(ID + "study/badwe-2015"), links.toString());
        assertEquals("attached", linkOf.get(ID + "study/e2108"), links.toString());

        JsonNode t = ok(http.get(Q + "/timeline?versions=" + Http.enc("cite-test@1,nccn-breast@2015")));
        JsonNode badwe = publication(t, "publication/badwe-2015-lancet-oncol");
        assertEquals("cited", badwe.get("link").asText());
        assertEquals("cite-test@1", badwe.get("citedBy").get(0).asText());
        assertEquals("before", position(badwe, "1"));
        assertEquals("attached", publication(t, "publication/khan-2022-j-clin-oncol").get("link").asText());

        JsonNode hrs = ok(http.get("/api/queries/list-question-os-hazard-ratios"));
        for (JsonNode row : hrs.at("/results/bindings")) {
            String evidence = row.at("/evidence/value").asText();
            assertEquals(evidence.equals(ID + "study/badwe-2015") ? "cited" : "attached", row.at("/link/value").asText(), evidence);
        }
    }
}
