package org.guidelinekb.hardening;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.guidelinekb.AppConfig;
import org.guidelinekb.testing.ServerUnderTest;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.guidelinekb.hardening.JsonGen.Obj;

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
 * Generated CDS Hooks calls ({@code POST /cds-services/{id}}): the CDS tests' scenario requests (valid FHIR prefetch)
 * changed node by node, cut or spliced as text, or replaced by any JSON; known and unknown service ids; other
 * content types. 10,000 per run (./gkb test --all; 1,000 in the default run) against one server: never a 5xx, every error problem+json, the server healthy and
 * the store exactly as before (a call reads; only feedback writes).
 *
 * <p>With the default settings no {@code fhirServer} is fetched from (no FHIR server is allowed); a generated one points at a closed
 * port on loopback, so no request ever leaves the machine.
 */
class TestCdsHooksInputs {
    private static final Path SCENARIOS = Path.of("src/test/resources/cds/scenarios");
    private static final String LOOPBACK_FHIR = "http://127.0.0.1:9/fhir";

    private static ServerUnderTest server;
    private static String base;
    private static String storeBefore;
    private static List<Object> seeds;
    private static List<String> services;

    @BeforeContainer
    static void start() throws IOException {
        server = ServerUnderTest.start(AppConfig.forTests());
        base = server.baseUrl();
        services = new ArrayList<>();
        HardeningLib.JSON.readTree(HardeningLib.send(Request.get(base + "/cds-services")).body()).path("services")
                .forEach(s -> services.add(s.path("id").asText()));
        if (services.isEmpty()) throw new IllegalStateException("the server lists no CDS service");
        seeds = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            for (Path d : dirs.sorted().toList()) {
                Path req = d.resolve("request.json");
                if (Files.isRegularFile(req)) seeds.add(JsonGen.fromJson(HardeningLib.JSON.readTree(req.toFile())));
            }
        }
        if (seeds.isEmpty()) throw new IllegalStateException("no scenario requests under " + SCENARIOS);
        storeBefore = StoreFingerprint.exact(server.storeContent());
    }

    @AfterContainer
    static void stop() {
        if (server != null) server.close();
    }

    @Property(edgeCases = EdgeCasesMode.NONE) // tries: pom.xml gkb.tries; the generators name their edge cases; jqwik's combined ones cost more than the requests
    void a_cds_call_never_answers_5xx_and_every_error_is_problem_json(@ForAll("calls") Request request) {
        HardeningLib.sendGenerated(request);
    }

    @AfterProperty
    void the_server_is_alive_and_the_store_unchanged() {
        HardeningLib.assertAliveAndStoreUnchanged(server, storeBefore, "a CDS call");
    }

    @Provide
    Arbitrary<Request> calls() {
        return Combinators.combine(serviceIds(), TestEvaluateInputs.contentTypes(), bodies())
                .as((id, type, body) -> Request.post(base + "/cds-services/" + id, type, body));
    }

    private static Arbitrary<String> serviceIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(18, Arbitraries.of(services)),
                Tuple.of(1, Arbitraries.of("unknown-service", "gkb-metastatic-breast-cancer%20", "%2e%2e", "GKB-METASTATIC-BREAST-CANCER",
                        "x".repeat(300), "%00", "a%2Fb")),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars("-_.~").ofMinLength(1).ofMaxLength(40)));
    }

    private static Arbitrary<byte[]> bodies() {
        Arbitrary<Object> mutated = Combinators.combine(Arbitraries.of(seeds), JsonMutation.some())
                .as((seed, ms) -> loopbackOnly(JsonMutation.applyAll(seed, ms)));
        Arbitrary<Object> seed = Arbitraries.of(seeds);
        return Arbitraries.frequencyOf(
                Tuple.of(2, seed.map(JsonGen::write).map(HardeningLib::utf8)),
                Tuple.of(13, mutated.map(JsonGen::write).map(HardeningLib::utf8)),
                Tuple.of(2, seed.map(JsonGen::write).flatMap(JsonGen::mutations).map(HardeningLib::utf8)),
                Tuple.of(2, JsonGen.values(3).map(JsonGen::write).map(HardeningLib::utf8)),
                Tuple.of(1, Arbitraries.of("", "{}", "[]", "null", "{\"hook\":\"patient-view\"}", "{\"hook\":\"patient-view\",\"hookInstance\":\"x\"}",
                        "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":[]}",
                        "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{},\"fhirAuthorization\":{\"access_token\":\"t\"}}",
                        "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"fhirServer\":\"" + LOOPBACK_FHIR + "\"}",
                        "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"fhirServer\":\"ftp://127.0.0.1/\"}",
                        JsonGen.deep(65, true), JsonGen.deep(3000, false)).map(HardeningLib::utf8)));
    }

    /** A top-level {@code fhirServer} that is an http(s) URL is pointed at a closed port on loopback. */
    private static Object loopbackOnly(Object doc) {
        if (!(doc instanceof Obj o)) return doc;
        List<Map.Entry<String, Object>> ms = new ArrayList<>();
        for (Map.Entry<String, Object> e : o.members()) {
            boolean url = e.getKey().equals("fhirServer") && e.getValue() instanceof String s && s.strip().toLowerCase().matches("(?s)https?:.*");
            ms.add(url ? JsonGen.member("fhirServer", LOOPBACK_FHIR) : e);
        }
        return Obj.of(ms);
    }
}
