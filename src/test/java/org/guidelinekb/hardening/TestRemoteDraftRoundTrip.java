package org.guidelinekb.hardening;

import static org.guidelinekb.hardening.HardeningLib.BEARER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.hardening.HardeningLib.Reply;
import org.guidelinekb.hardening.HardeningLib.Request;
import org.guidelinekb.testing.StandaloneFuseki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drafts whose catalog entry holds blank nodes, over a remote store (a standalone Fuseki of its own, whatever store
 * kind the run asks for): each is created (201), deleted (200), or replaced (200) and then deleted, and afterwards
 * the store holds what it held before, provenance aside. The drafts are {@code upload-draft.ttl} with one addition
 * from {@code blank-node-drafts/} each.
 *
 * <p>Found by {@link TestUploadInputs} over the remote store: such a draft was created, but its delete sent Fuseki a
 * SPARQL Update with a blank node in a DELETE template (Fuseki: 400), so it answered 503 and the draft stayed.
 */
class TestRemoteDraftRoundTrip {
    private static final Path ADDITIONS = HardeningLib.RESOURCES.resolve("blank-node-drafts");
    private static final String VERSIONS = "/api/guidelines/hard-gl/versions";

    @TempDir static Path dir;
    private static StandaloneFuseki fuseki;
    private static App app;
    private static String draft;

    @BeforeAll
    static void start() {
        fuseki = new StandaloneFuseki(dir.resolve("fuseki")).start();
        app = App.start(AppConfig.forTests().toBuilder().storeUrl(fuseki.datasetUrl()).adminToken(HardeningLib.TOKEN).build());
        draft = HardeningLib.read(HardeningLib.RESOURCES.resolve("upload-draft.ttl"));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (fuseki != null) fuseki.close();
    }

    static Stream<Path> additions() throws IOException {
        try (Stream<Path> files = Files.list(ADDITIONS)) {
            List<Path> ttl = files.filter(p -> p.toString().endsWith(".ttl")).sorted().toList();
            if (ttl.isEmpty()) throw new IllegalStateException("no additions in " + ADDITIONS);
            return ttl.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("additions")
    void a_draft_with_blank_nodes_in_its_catalog_entry_is_created_and_deleted(Path addition) {
        StoreFingerprint before = storeNow();
        expect(201, send("POST", VERSIONS, draft + read(addition)));
        expect(200, send("DELETE", VERSIONS + "/1", null));
        assertStoreIs(before);
    }

    @Test
    void a_draft_replaced_by_one_with_other_blank_nodes_is_deleted() throws IOException {
        StoreFingerprint before = storeNow();
        List<Path> all = additions().toList();
        expect(201, send("POST", VERSIONS, draft + read(all.get(0))));
        expect(200, send("PUT", VERSIONS + "/1", draft + read(all.get(all.size() - 1))));
        expect(200, send("PUT", VERSIONS + "/1", draft));
        expect(200, send("DELETE", VERSIONS + "/1", null));
        assertStoreIs(before);
    }

    private static Reply send(String method, String path, String turtle) {
        return HardeningLib.send(new Request(method, app.baseUrl() + path, turtle == null ? null : "text/turtle",
                turtle == null ? null : HardeningLib.utf8(turtle), List.of("Authorization", BEARER)));
    }

    private static void expect(int status, Reply r) {
        assertEquals(status, r.status(), () -> r.toString());
    }

    private static StoreFingerprint storeNow() {
        return StoreFingerprint.of(fuseki.contentCopy()).withoutProvenance();
    }

    private static void assertStoreIs(StoreFingerprint before) {
        StoreFingerprint now = storeNow();
        if (!now.equals(before)) throw new AssertionError("the store changed: " + before.differences(now));
    }

    private static String read(Path p) {
        try {
            return "\n" + Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
