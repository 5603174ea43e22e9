package org.guidelinekb.hardening;


import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.ServerUnderTest;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.guidelinekb.hardening.JsonGen.Obj;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated calls of the named queries ({@code GET /api/queries/{name}?param=…}, and POST with a form or JSON):
 * parameters from each query's own description ({@code GET /api/queries}) with values of their type and not —
 * strings and IRIs carrying SPARQL injection attempts, numbers out of range, impossible dates, list values,
 * {@code limit}/{@code offset} junk — plus unknown parameters, unknown queries and odd {@code Accept} headers.
 * 10,000 per run (./gkb test --all; 1,000 in the default run) against one server: never a 5xx, every error problem+json, the server healthy and the store
 * exactly as before (a bound parameter can never become query text, so no injection can write).
 */
class TestNamedQueryInputs {
    private static ServerUnderTest server;
    private static String base;
    private static String storeBefore;
    /** Each query's name and its parameters' descriptions. */
    private static Map<String, List<JsonNode>> queries;

    @BeforeContainer
    static void start() throws Exception {
        server = ServerUnderTest.start(AppConfig.forTests());
        base = server.baseUrl();
        queries = new LinkedHashMap<>();
        for (JsonNode q : HardeningLib.JSON.readTree(HardeningLib.send(Request.get(base + "/api/queries")).body())) {
            List<JsonNode> ps = new ArrayList<>();
            q.path("parameters").forEach(ps::add);
            queries.put(q.path("name").asText(), ps);
        }
        if (queries.isEmpty()) throw new IllegalStateException("the server lists no named query");
        storeBefore = StoreFingerprint.exact(server.storeContent());
    }

    @AfterContainer
    static void stop() {
        if (server != null) server.close();
    }

    @Property(edgeCases = EdgeCasesMode.NONE) // tries: pom.xml gkb.tries; the generators name their edge cases; jqwik's combined ones cost more than the requests
    void a_named_query_never_answers_5xx_and_every_error_is_problem_json(@ForAll("calls") Request request) {
        HardeningLib.sendGenerated(request);
    }

    @AfterProperty
    void the_server_is_alive_and_the_store_unchanged() {
        HardeningLib.assertAliveAndStoreUnchanged(server, storeBefore, "a named query");
    }

    /** One parameter as sent. */
    record Param(String name, String value) {}

    @Provide
    Arbitrary<Request> calls() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(18, Arbitraries.of(List.copyOf(queries.keySet()))),
                Tuple.of(1, Arbitraries.of("no-such-query", "internal%2Fall-quads", "internal", "..", "%2e%2e%2fadmin", "LIST-STATEMENTS",
                        "list-statements.rq", "checks%2Fcoverage-violation")),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(30)));
        return names.flatMap(name -> Combinators.combine(params(queries.getOrDefault(name, List.of())), accepts(),
                Arbitraries.frequency(Tuple.of(16, "get"), Tuple.of(2, "form"), Tuple.of(2, "json")))
                .as((ps, accept, how) -> request(name, ps, accept, how)));
    }

    private static Request request(String name, List<Param> ps, String accept, String how) {
        String url = base + "/api/queries/" + name;
        String[] headers = accept == null ? new String[0] : new String[] {"Accept", accept};
        return switch (how) {
            case "form" -> Request.post(url, "application/x-www-form-urlencoded", query(ps), headers);
            case "json" -> Request.post(url, "application/json", json(ps), headers);
            default -> Request.get(ps.isEmpty() ? url : url + "?" + query(ps), headers);
        };
    }

    private static String query(List<Param> ps) {
        List<String> parts = new ArrayList<>();
        for (Param p : ps) parts.add(enc(p.name()) + "=" + enc(p.value()));
        return String.join("&", parts);
    }

    /** Parameters as a JSON object: a repeated name becomes an array; some values are sent as JSON numbers. */
    private static String json(List<Param> ps) {
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        for (Param p : ps) {
            Object v = p.value().matches("-?\\d{1,18}") ? (Object) Long.parseLong(p.value()) : p.value();
            byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(v);
        }
        List<Map.Entry<String, Object>> ms = new ArrayList<>();
        byName.forEach((k, vs) -> ms.add(JsonGen.member(k, vs.size() == 1 ? vs.get(0) : vs)));
        return JsonGen.write(Obj.of(ms));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Arbitrary<String> accepts() {
        return Arbitraries.frequencyOf(
                Tuple.of(14, Arbitraries.just((String) null)),
                Tuple.of(4, Arbitraries.of("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                        "text/tab-separated-values", "application/json", "*/*")),
                Tuple.of(2, Arbitraries.of("image/png", "text/html", "application/xml;q=0", "text/csv;q=0.5, application/json;q=0.9",
                        ";;", "*/*;q=abc", "text/*", "application/sparql-results+json;charset=latin1")));
    }

    /** The query's own parameters (typed values or junk), the general ones, and strangers; names may repeat. */
    private static Arbitrary<List<Param>> params(List<JsonNode> declared) {
        List<Arbitrary<Param>> kinds = new ArrayList<>();
        for (JsonNode d : declared) {
            String n = d.path("name").asText();
            kinds.add(value(d.path("type").asText(), n).map(v -> new Param(n, v)));
        }
        kinds.add(Combinators.combine(Arbitraries.of("guideline", "version", "asOf", "limit", "offset"), junk()).as(Param::new));
        kinds.add(Combinators.combine(JsonGen.strings(), junk()).as(Param::new));
        Arbitrary<Param> any = Arbitraries.oneOf(kinds);
        return any.list().ofMaxSize(6);
    }

    /** A value for a parameter of {@code type}: mostly of that type, sometimes anything. */
    private static Arbitrary<String> value(String type, String name) {
        Arbitrary<String> typed = switch (type) {
            case "iri" -> iris();
            case "integer" -> integers();
            case "date" -> dates();
            default -> name.equals("guideline") ? Arbitraries.of("nccn-breast", "nci-pdq-breast", "syn-g001", "")
                    : name.equals("version") ? Arbitraries.of("2015", "6.2026", "2025-12-30", "v1") : strings();
        };
        return Arbitraries.frequencyOf(Tuple.of(4, typed), Tuple.of(1, junk()));
    }

    private static Arbitrary<String> junk() {
        return Arbitraries.oneOf(strings(), iris(), integers(), dates());
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, JsonGen.strings()),
                Tuple.of(2, Arbitraries.of("overall-survival", "local-pfs", "low", "very-low", "high", "2A", "1", "recommend", "consider",
                        "primary-tumor-surgery", "low,very-low", ",,", "a,", " 2A ")),
                Tuple.of(2, Arbitraries.of("\" } ; DROP ALL ; #", "x\" . ?s ?p ?o . FILTER(\"", "') } INSERT DATA { <a> <b> <c> } #",
                        "\\\" UNION { GRAPH ?g { ?s ?p ?o } } #", "\"\"\"", "x'", "${x}", "?s", "$s", "\n}\nCLEAR ALL\n")));
    }

    private static Arbitrary<String> iris() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("https://w3id.org/gkb/id/guideline/nccn-breast/version/2015/statement/systemic-therapy-primary",
                        "https://w3id.org/gkb/id/guideline/nccn-breast/recommendation/systemic-therapy-primary",
                        "https://w3id.org/gkb/id/question/mbc-primary-surgery", "https://w3id.org/gkb/id/study/badwe-2015",
                        "https://w3id.org/gkb/graph/provenance", "urn:x:y", "http://example.org/a#b")),
                Tuple.of(3, Arbitraries.of("https://x> } ; DROP ALL ; <https://y", "<https://w3id.org/gkb/id/question/mbc-primary-surgery>",
                        "https://x/a> ?p ?o } UNION { ?s ?p ?o . FILTER(<https://x/b", "\"literal\"", "_:b0", "?s", "http://a b",
                        "javascript:alert(1)", "relative/path", "https://ex.org/\u00e9\u4e2d", "https://x/{a}", "https://x/\"q\"",
                        "https://x/\\u003e", "https://x/%3E%20%7D", "https://", "://x", "https://x/" + "a".repeat(3000), "file:///etc/passwd")),
                Tuple.of(1, JsonGen.strings().map(s -> "https://w3id.org/gkb/id/" + s)));
    }

    private static Arbitrary<String> integers() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(-5, 1100).map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("0", "-1", "1000", "1001", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
                        "1e3", "0x10", " 5", "5 ", "", "NaN", "1.5", "+1", "010", "\u0661\u0662")),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)));
    }

    private static Arbitrary<String> dates() {
        return Arbitraries.of("2015-06-01", "2026-07-29", "2026-07-28", "1900-01-01", "2021-02-29", "2020-13-01", "2020-1-1", "20200101",
                "2020-01-01T00:00:00Z", "+999999999-12-31", "-0001-01-01", "9999-12-31", "0000-01-01", "yesterday", "", "2020-01-01Z",
                "2020-01-01\"^^<x>");
    }
}
