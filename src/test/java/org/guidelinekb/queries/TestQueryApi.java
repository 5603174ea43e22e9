package org.guidelinekb.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.Http;
import org.guidelinekb.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The named queries over real HTTP, on the fixture. */
class TestQueryApi {
    private static TestServer server;
    private static Http http;

    @BeforeAll static void start() {
        server = QueryFixtureLib.server(AppConfig.forTests());
        http = server.http();
    }

    @AfterAll static void stop() {
        server.close();
    }

    @Test void the_list_names_at_least_eight_queries_with_summaries_and_parameters() {
        HttpResponse<String> r = http.get("/api/queries");
        assertEquals(200, r.statusCode());
        JsonNode list = Http.json(r);
        assertTrue(list.size() >= 8, list.toString());
        for (JsonNode q : list) {
            assertFalse(q.get("summary").asText().isBlank(), q.toString());
            assertTrue(q.get("parameters").isArray());
            assertEquals("/api/queries/" + q.get("name").asText(), q.get("href").asText());
        }
        JsonNode ls = find(list, "list-statements");
        assertTrue(ls.get("versionScoped").asBoolean());
        JsonNode action = param(ls, "action");
        assertEquals("string", action.get("type").asText());
        assertTrue(action.get("list").asBoolean());
        JsonNode ev = find(list, "get-statement-evidence");
        assertTrue(param(ev, "statement").get("required").asBoolean());
        assertTrue(param(ev, "statement").get("example").asText().startsWith("https://w3id.org/gkb/id/"));
        assertTrue(ev.get("parameters").findValuesAsText("name").stream().noneMatch(n -> n.equals("version")),
                "a query that is not version-scoped does not offer version");
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode q : list) if (q.get("name").asText().equals(name)) return q;
        throw new AssertionError("no query " + name + " in " + list);
    }

    private static JsonNode param(JsonNode query, String name) {
        for (JsonNode p : query.get("parameters")) if (p.get("name").asText().equals(name)) return p;
        throw new AssertionError("no parameter " + name + " in " + query);
    }

    @Test void every_listed_query_runs_with_its_example_values() {
        for (JsonNode q : Http.json(http.get("/api/queries"))) {
            StringBuilder qs = new StringBuilder();
            for (JsonNode p : q.get("parameters")) {
                if (!p.get("required").asBoolean()) continue;
                for (JsonNode v : p.get("example").isArray() ? p.get("example") : List.of(p.get("example"))) {
                    qs.append(qs.length() == 0 ? "?" : "&").append(p.get("name").asText()).append('=').append(Http.enc(v.asText()));
                }
            }
            HttpResponse<String> r = http.get("/api/queries/" + q.get("name").asText() + qs);
            assertEquals(200, r.statusCode(), q.get("name") + ": " + r.body());
            assertTrue(Http.json(r).at("/results/bindings").size() > 0, q.get("name") + " gives rows");
        }
    }

    @Test void results_come_in_every_content_type() {
        String path = "/api/queries/list-statements?guideline=nccn-breast&version=2015";
        HttpResponse<String> json = http.get(path);
        assertEquals("application/sparql-results+json", Http.contentType(json));
        assertEquals(3, read(json.body(), ResultSetLang.RS_JSON).size());
        HttpResponse<String> xml = http.get(path, "Accept", "application/sparql-results+xml");
        assertEquals("application/sparql-results+xml", Http.contentType(xml));
        assertEquals(3, read(xml.body(), ResultSetLang.RS_XML).size());
        HttpResponse<String> csv = http.get(path, "Accept", "text/csv");
        assertTrue(Http.contentType(csv).startsWith("text/csv"), Http.contentType(csv));
        assertEquals(4, csv.body().strip().split("\r?\n").length, csv.body());
        assertTrue(csv.body().startsWith("statement,guidelineId,versionLabel,"), csv.body());
        HttpResponse<String> tsv = http.get(path, "Accept", "text/tab-separated-values");
        assertTrue(Http.contentType(tsv).startsWith("text/tab-separated-values"));
        assertEquals(3, read(tsv.body(), ResultSetLang.RS_TSV).size());
        HttpResponse<String> plain = http.get(path, "Accept", "application/json");
        assertEquals(3, Http.json(plain).at("/results/bindings").size());
        HttpResponse<String> browser = http.get(path, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals("application/sparql-results+json", Http.contentType(browser));
        HttpResponse<String> none = http.get(path, "Accept", "image/png");
        assertEquals(406, none.statusCode());
        assertTrue(Http.contentType(none).startsWith("application/problem+json"));
        assertEquals("https://w3id.org/gkb/id/guideline/nccn-breast/version/2015", json.headers().firstValue("GKB-Versions").orElseThrow());
    }

    private static org.apache.jena.query.ResultSetRewindable read(String body, org.apache.jena.riot.Lang lang) {
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), lang);
        return ResultSetFactory.makeRewindable(rs);
    }

    @Test void the_next_link_walks_every_page_and_the_last_page_has_none() {
        List<String> statements = new ArrayList<>();
        String url = server.url("/api/queries/list-statements?limit=3");
        int pages = 0;
        while (url != null) {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET());
            assertEquals(200, r.statusCode(), r.body());
            Http.json(r).at("/results/bindings").forEach(b -> statements.add(b.at("/statement/value").asText()));
            url = next(r);
            pages++;
        }
        assertEquals(2, pages);
        assertEquals(4, statements.size());
        assertEquals(4, statements.stream().distinct().count());
        // exact page: no next link
        assertTrue(http.get("/api/queries/list-statements?limit=4").headers().firstValue("Link").isEmpty());
        // the next link keeps the other parameters
        HttpResponse<String> r = http.get("/api/queries/list-statements?category=2A&category=1&limit=1");
        String n = next(r);
        assertTrue(n.contains("category=2A&category=1") && n.endsWith("limit=1&offset=1"), n);
        // empty result: no next link
        HttpResponse<String> empty = http.get("/api/queries/find-studies-by-outcome?outcome=nothing");
        assertEquals(0, Http.json(empty).at("/results/bindings").size());
        assertTrue(empty.headers().firstValue("Link").isEmpty());
    }

    private static String next(HttpResponse<String> r) {
        String link = r.headers().firstValue("Link").orElse(null);
        if (link == null) return null;
        Matcher m = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
    }

    @Test void post_takes_a_form_or_a_json_object() {
        HttpResponse<String> form = http.postForm("/api/queries/list-statements", Map.of("category", "2B"));
        assertEquals(200, form.statusCode(), form.body());
        assertEquals(1, Http.json(form).at("/results/bindings").size());
        HttpResponse<String> json = http.post("/api/queries/list-statements", "application/json",
                "{\"category\": [\"1\", \"2B\"], \"limit\": 1}");
        assertEquals(200, json.statusCode(), json.body());
        assertEquals(1, Http.json(json).at("/results/bindings").size());
        assertTrue(json.headers().firstValue("Link").orElse("").contains("category=1&category=2B&limit=1&offset=1"));
        assertEquals(400, http.post("/api/queries/list-statements", "application/json", "{\"category\": {\"x\": 1}}").statusCode());
        assertEquals(400, http.post("/api/queries/list-statements", "application/json", "[1]").statusCode());
        assertEquals(415, http.post("/api/queries/list-statements", "text/plain", "category=1").statusCode());
    }

    @Test void errors_are_problem_json_naming_the_parameter() {
        HttpResponse<String> r = http.get("/api/queries/list-statements?categroy=2A");
        assertEquals(400, r.statusCode());
        assertTrue(Http.contentType(r).startsWith("application/problem+json"));
        JsonNode p = Http.json(r);
        assertEquals("categroy", p.at("/errors/0/field").asText());
        assertEquals("category", p.at("/errors/0/suggestion").asText());
        HttpResponse<String> typed = http.get("/api/queries/get-statement-evidence?statement=" + Http.enc("x> } UNION { ?s ?p ?o"));
        assertEquals(400, typed.statusCode());
        assertEquals("statement", Http.json(typed).at("/errors/0/field").asText());
        assertEquals(404, http.get("/api/queries/no-such-query").statusCode());
        assertEquals(404, http.get("/api/queries/list-statements?version=1999").statusCode());
        assertEquals(400, http.get("/api/queries/find-studies-by-outcome?asOf=2020-01-01").statusCode());
    }

    @Test void a_stopped_query_is_a_503_problem() {
        var e = new org.guidelinekb.error.QueryTimeoutException("query 'x' ran longer than the limit");
        assertEquals(503, org.guidelinekb.api.ApiErrors.status(e));
        assertEquals("https://w3id.org/gkb/problems/query-timeout", org.guidelinekb.api.ApiErrors.problem(e).body(null).get("type"));
    }

    @Test void injected_text_returns_no_more_rows_than_a_plain_value() {
        String inj = Http.enc("2A\" } UNION { ?s ?p ?o } #");
        int plain = Http.json(http.get("/api/queries/list-statements?category=2A")).at("/results/bindings").size();
        int injected = Http.json(http.get("/api/queries/list-statements?category=" + inj)).at("/results/bindings").size();
        int mixed = Http.json(http.get("/api/queries/list-statements?category=2A&category=" + inj)).at("/results/bindings").size();
        assertTrue(injected <= plain && mixed == plain, plain + " " + injected + " " + mixed);
    }
}
