package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.JsonGen.member;

import java.util.ArrayList;
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
 * Generated requests to {@code POST /api/evaluate} and {@code POST /api/evaluate/compare}: known attribute names
 * with values of every type, misspelt and unknown names, odd structures (arrays, repeated members, deep nesting,
 * huge numbers, unicode, invalid UTF-8), empty bodies and other content types. 10,000 per run (./gkb test --all; 1,000 in the default run) against one server:
 * never a 5xx, every error problem+json, the server healthy and the store exactly as before.
 */
class TestEvaluateInputs {
    private static ServerUnderTest server;
    private static String base;
    private static String storeBefore;
    /** The case attributes as the server describes them ({@code GET /api/case-attributes}). */
    private static List<JsonNode> attributes;

    @BeforeContainer
    static void start() throws Exception {
        server = ServerUnderTest.start(AppConfig.forTests());
        base = server.baseUrl();
        attributes = new ArrayList<>();
        HardeningLib.JSON.readTree(HardeningLib.send(Request.get(base + "/api/case-attributes")).body()).forEach(attributes::add);
        if (attributes.isEmpty()) throw new IllegalStateException("the server lists no case attributes");
        storeBefore = StoreFingerprint.exact(server.storeContent());
    }

    @AfterContainer
    static void stop() {
        if (server != null) server.close();
    }

    @Property(edgeCases = EdgeCasesMode.NONE) // tries: pom.xml gkb.tries; the generators name their edge cases; jqwik's combined ones cost more than the requests
    void evaluate_never_answers_5xx_and_every_error_is_problem_json(@ForAll("requests") Request request) {
        HardeningLib.sendGenerated(request);
    }

    @AfterProperty
    void the_server_is_alive_and_the_store_unchanged() {
        HardeningLib.assertAliveAndStoreUnchanged(server, storeBefore, "evaluating");
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Boolean> compare = Arbitraries.frequency(Tuple.of(17, false), Tuple.of(3, true));
        return compare.flatMap(c -> Combinators.combine(contentTypes(), bodies(c))
                .as((type, body) -> Request.post(base + (c ? "/api/evaluate/compare" : "/api/evaluate"), type, body)));
    }

    /** Mostly JSON; sometimes none, another type, or JSON under another name. */
    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(17, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8",
                        "application/json; charset=utf-16", "APPLICATION/JSON", "application/merge-patch+json", "application/jsonx",
                        "multipart/form-data; boundary=x", "text/turtle", "*/*", "application/", ";;;", "application/json;;charset").injectNull(0.2)),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30)));
    }

    private Arbitrary<byte[]> bodies(boolean compare) {
        Arbitrary<String> structured = (compare ? compareRequests() : evaluateRequests()).map(JsonGen::write);
        return Arbitraries.frequencyOf(
                Tuple.of(14, structured.map(HardeningLib::utf8)),
                Tuple.of(3, JsonGen.values(3).map(JsonGen::write).map(HardeningLib::utf8)),
                Tuple.of(2, structured.flatMap(JsonGen::mutations).map(HardeningLib::utf8)),
                Tuple.of(1, Arbitraries.of("", " ", "{", "}", "{}", "[]", "null", "{\"case\":{}}", "{\"case\":{},\"case\":[]}", "\ufeff{\"case\":{}}",
                        "{'case':{}}", "{\"case\":{}} trailing", "{\"case\":{}}{}", JsonGen.deep(65, true), JsonGen.deep(64, false),
                        JsonGen.deep(5000, false), "{\"case\":" + JsonGen.deep(70, false) + "}").map(HardeningLib::utf8)),
                Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}, new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'},
                        new byte[] {'{', '"', 'c', 'a', 's', 'e', '"', ':', '{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ':', '1', '}', '}'},
                        new byte[] {0, 0, 0, 0})));
    }

    /** {"guideline", "version", "asOf", "case"}: each present or not, of the right type or not, plus strangers. */
    private Arbitrary<Obj> evaluateRequests() {
        return Combinators.combine(optional("guideline", guidelines()), optional("version", versions()), optional("asOf", dates()),
                optional("case", cases()), strangers()).as((g, v, d, c, s) -> {
                    List<Map.Entry<String, Object>> ms = new ArrayList<>();
                    g.forEach(ms::add);
                    v.forEach(ms::add);
                    d.forEach(ms::add);
                    c.forEach(ms::add);
                    s.forEach(ms::add);
                    return Obj.of(ms);
                });
    }

    private Arbitrary<Obj> compareRequests() {
        return Combinators.combine(optional("guideline", guidelines()), optional("from", versions()), optional("to", versions()),
                optional("case", cases()), strangers()).as((g, f, t, c, s) -> {
                    List<Map.Entry<String, Object>> ms = new ArrayList<>();
                    g.forEach(ms::add);
                    f.forEach(ms::add);
                    t.forEach(ms::add);
                    c.forEach(ms::add);
                    s.forEach(ms::add);
                    return Obj.of(ms);
                });
    }

    /** A member, mostly present, sometimes absent or null. */
    private static Arbitrary<List<Map.Entry<String, Object>>> optional(String name, Arbitrary<Object> value) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, value.map(v -> List.of(member(name, v)))),
                Tuple.of(6, Arbitraries.just(List.<Map.Entry<String, Object>>of())),
                Tuple.of(1, Arbitraries.just(List.of(member(name, null)))),
                Tuple.of(1, JsonGen.values(2).map(v -> List.of(member(name, v)))));
    }

    private static Arbitrary<List<Map.Entry<String, Object>>> strangers() {
        return Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(List.<Map.Entry<String, Object>>of())),
                Tuple.of(1, JsonGen.objects(Arbitraries.of("guidline", "Case", "versions", "as_of", "cases", "", "__proto__", "$ref"),
                        JsonGen.values(1), 2).map(Obj::members)));
    }

    private static Arbitrary<Object> guidelines() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("nccn-breast", "nci-pdq-breast").map(s -> (Object) s)),
                Tuple.of(2, JsonGen.strings().map(s -> (Object) s)),
                Tuple.of(1, JsonGen.values(1)));
    }

    private static Arbitrary<Object> versions() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("2015", "6.2026", "2025-12-30").map(s -> (Object) s)),
                Tuple.of(2, JsonGen.strings().map(s -> (Object) s)),
                Tuple.of(1, JsonGen.values(1)));
    }

    private static Arbitrary<Object> dates() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("2015-06-01", "2026-07-29", "2027-01-01", "1900-01-01", "2020-02-29").map(s -> (Object) s)),
                Tuple.of(3, Arbitraries.of("2021-02-29", "2020-13-01", "2020-1-1", "20200101", "2020-01-01T00:00:00Z", "+999999999-12-31",
                        "-0001-01-01", "9999-99-99", "yesterday", "").map(s -> (Object) s)),
                Tuple.of(1, JsonGen.values(1)));
    }

    /** A case: attributes by their right names (values of the right type or not), misspelt, unknown, derived. */
    private Arbitrary<Object> cases() {
        Arbitrary<Map.Entry<String, Object>> attribute = Arbitraries.of(attributes).flatMap(a -> Arbitraries.frequencyOf(
                Tuple.of(6, rightValue(a).map(v -> member(a.path("name").asText(), v))),
                Tuple.of(3, JsonGen.values(2).map(v -> member(a.path("name").asText(), v))),
                Tuple.of(1, Combinators.combine(misspelling(a.path("name").asText()), rightValue(a)).as(JsonGen::member))));
        Arbitrary<Map.Entry<String, Object>> unknown = Combinators.combine(JsonGen.strings(), JsonGen.values(1)).as(JsonGen::member);
        Arbitrary<Map.Entry<String, Object>> any = Arbitraries.frequencyOf(Tuple.of(9, attribute), Tuple.of(1, unknown));
        Arbitrary<Map.Entry<String, Object>> valid = Arbitraries.of(attributes).filter(a -> !a.path("derived").asBoolean())
                .flatMap(a -> validValue(a).map(v -> member(a.path("name").asText(), v)));
        return Arbitraries.frequencyOf(
                Tuple.of(5, valid.list().ofMaxSize(8).uniqueElements(Map.Entry::getKey).map(ms -> (Object) Obj.of(ms))),
                Tuple.of(9, any.list().ofMaxSize(8).map(ms -> (Object) Obj.of(ms))),
                Tuple.of(1, JsonGen.values(2)));
    }

    /** A value the attribute accepts: in range, from its list, or null (= unknown). */
    private static Arbitrary<Object> validValue(JsonNode a) {
        List<Object> values = new ArrayList<>();
        a.path("values").forEach(v -> values.add(v.asText()));
        Arbitrary<Object> v = switch (a.path("type").asText()) {
            case "boolean" -> Arbitraries.of(true, false).map(b -> (Object) b);
            case "integer" -> Arbitraries.integers().between(a.path("min").asInt(), a.path("max").asInt()).map(i -> (Object) i);
            case "concept" -> Arbitraries.of(values);
            case "concept-list" -> Arbitraries.of(values).list().ofMaxSize(4).uniqueElements().map(l -> (Object) l);
            default -> Arbitraries.just(null);
        };
        return v.injectNull(0.05);
    }

    /** A value of the attribute's own type: within or outside its range or list, lists with repeats. */
    private static Arbitrary<Object> rightValue(JsonNode a) {
        List<Object> values = new ArrayList<>();
        a.path("values").forEach(v -> values.add(v.asText()));
        return switch (a.path("type").asText()) {
            case "boolean" -> Arbitraries.of(true, false).map(b -> (Object) b);
            case "integer" -> Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.integers().between(a.path("min").asInt(), a.path("max").asInt()).map(i -> (Object) i)),
                    Tuple.of(1, Arbitraries.integers().between(-1000, 1000).map(i -> (Object) i)),
                    Tuple.of(1, JsonGen.numbers()));
            case "concept" -> values.isEmpty() ? JsonGen.strings().map(s -> (Object) s) : Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.of(values)),
                    Tuple.of(1, JsonGen.strings().map(s -> (Object) s)));
            case "concept-list" -> values.isEmpty() ? JsonGen.strings().list().ofMaxSize(3).map(l -> (Object) l)
                    : Arbitraries.frequencyOf(
                            Tuple.of(4, Arbitraries.of(values).list().ofMaxSize(5).map(l -> (Object) l)),
                            Tuple.of(1, Arbitraries.of(values)),
                            Tuple.of(1, Arbitraries.of(values).injectNull(0.3).list().ofMaxSize(3).map(l -> (Object) l)));
            default -> JsonGen.values(1);
        };
    }

    private static Arbitrary<String> misspelling(String name) {
        return Arbitraries.integers().between(0, name.length() - 1).flatMap(i -> Arbitraries.of(
                name.substring(0, i) + name.substring(i + 1),
                name.toLowerCase(java.util.Locale.ROOT),
                name.toUpperCase(java.util.Locale.ROOT),
                " " + name,
                name + "\u0000",
                name.substring(0, i) + "_" + name.substring(i)));
    }

}
