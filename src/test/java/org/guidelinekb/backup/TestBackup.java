package org.guidelinekb.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.guidelinekb.App;
import org.guidelinekb.AppConfig;
import org.guidelinekb.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup of a running server and of a stopped one, restore into a new folder: the same store, quad for quad. */
class TestBackup {
    static final String TOKEN = "backup-test-token";

    /** A backup as a dataset (the ontology has blank nodes, so backups are compared by isomorphism). */
    static DatasetGraph quads(byte[] gz) {
        DatasetGraph out = DatasetGraphFactory.createGeneral();
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static void assertSameStore(DatasetGraph expected, DatasetGraph actual) {
        assertEquals(expected.stream().count(), actual.stream().count(), "quad count");
        assertTrue(IsoMatcher.isomorphic(expected, actual), "the same quads, up to blank-node labels");
    }

    static int gkb(String... args) {
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    @Test void online_backup_then_restore_gives_the_same_store(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        byte[] online;
        AppConfig config = AppConfig.forTests().toBuilder().dataDir(data).inMemory(false).adminToken(TOKEN).build();
        try (App app = App.start(config)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<byte[]> none = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/admin/backup")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(401, none.statusCode(), "a backup needs a token");
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/admin/backup"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            online = r.body();
        }
        DatasetGraph expected = quads(online);
        assertTrue(expected.stream().count() > 1000, "the bundled content, catalog and provenance");

        // offline backup of the stopped server's folder: the same quads
        Path offline = dir.resolve("offline.nq.gz");
        assertEquals(0, gkb("backup", "--data", data.toString(), "--out", offline.toString()));
        assertSameStore(expected, quads(Files.readAllBytes(offline)));

        // restore into a new folder, then back it up again: the same quads
        Path online2 = dir.resolve("online.nq.gz");
        Files.write(online2, online);
        Path restored = dir.resolve("restored");
        assertEquals(0, gkb("restore", online2.toString(), "--data", restored.toString()));
        Path again = dir.resolve("again.nq.gz");
        assertEquals(0, gkb("backup", "--data", restored.toString(), "--out", again.toString()));
        assertSameStore(expected, quads(Files.readAllBytes(again)));

        // a restore never overwrites: the target must be empty
        assertEquals(Main.FAILURE, gkb("restore", online2.toString(), "--data", restored.toString()));
        // and a file that is not a backup is refused
        Path junk = dir.resolve("junk.nq.gz");
        Files.writeString(junk, "not gzip");
        assertEquals(Main.FAILURE, gkb("restore", junk.toString(), "--data", dir.resolve("empty").toString()));
    }
}
